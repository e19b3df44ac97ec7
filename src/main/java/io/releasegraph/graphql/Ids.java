package io.releasegraph.graphql;

import io.releasegraph.domain.GlobalId;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.error.ValidationException;

/** Reads global IDs from arguments; a malformed one is a VALIDATION error naming the argument. */
final class Ids {

    private Ids() {
    }

    static GlobalId parse(String id, String argument) {
        return GlobalId.decode(id).orElseThrow(() -> new ValidationException(argument,
                "`" + argument + "` is not a valid ID; use an `id` the gateway returned."));
    }

    /** The upstream's own ID inside a global ID that must name an object of {@code type}. */
    static String external(String id, String argument, ReleaseSource source, String type) {
        return ofType(id, argument, source, type).externalId();
    }

    /** The upstream's numeric ID inside a global ID that must name an object of {@code type}. */
    static long numeric(String id, String argument, ReleaseSource source, String type) {
        return ofType(id, argument, source, type).numericId().orElseThrow(() -> new ValidationException(argument,
                "`" + argument + "` is not a valid ID; use an `id` the gateway returned."));
    }

    private static GlobalId ofType(String id, String argument, ReleaseSource source, String type) {
        GlobalId parsed = parse(id, argument);
        if (parsed.source() != source || !parsed.type().equals(type)) {
            throw new ValidationException(argument, "`" + argument + "` must be the ID of a " + type + ".");
        }
        return parsed;
    }
}
