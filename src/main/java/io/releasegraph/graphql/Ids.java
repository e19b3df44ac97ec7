package io.releasegraph.graphql;

import java.util.Arrays;

import io.releasegraph.domain.GlobalId;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.error.ValidationException;
import io.releasegraph.service.ReleaseService;

/** Reads global IDs from arguments; a malformed one is a VALIDATION error naming the argument. */
final class Ids {

    private Ids() {
    }

    static GlobalId parse(String id, String argument) {
        return GlobalId.decode(id).orElseThrow(() -> invalid(argument));
    }

    /** An ID of an upstream some provider answers for, whatever the type. */
    static GlobalId known(ReleaseService releases, String id, String argument) {
        GlobalId parsed = parse(id, argument);
        if (!releases.knows(parsed)) {
            throw invalid(argument);
        }
        return parsed;
    }

    static ValidationException invalid(String argument) {
        return new ValidationException(argument,
                "`" + argument + "` is not a valid ID; use an `id` the gateway returned.");
    }

    /**
     * The upstream's own ID inside a global ID that must name an object of {@code type}, checked against the
     * upstream's ID grammar ({@link ReleaseService#knows}) before it goes anywhere near the upstream.
     */
    static String external(ReleaseService releases, String id, String argument, ReleaseSource source, String type) {
        GlobalId parsed = ofType(id, argument, source, type);
        if (!releases.knows(parsed)) {
            throw invalid(argument);
        }
        return parsed.externalId();
    }

    /** The upstream's numeric ID inside a global ID that must name an object of {@code type}. */
    static long numeric(String id, String argument, ReleaseSource source, String type) {
        return ofType(id, argument, source, type).numericId().orElseThrow(() -> invalid(argument));
    }

    private static GlobalId ofType(String id, String argument, ReleaseSource source, String type) {
        GlobalId parsed = parse(id, argument);
        if (Arrays.stream(ReleaseSource.values()).noneMatch(parsed::isFrom)) {
            throw invalid(argument); // no upstream of the schema's: not an ID the gateway made for this argument
        }
        if (!parsed.isFrom(source) || !parsed.type().equals(type)) {
            throw new ValidationException(argument, "`" + argument + "` must be the ID of a " + type + ".");
        }
        return parsed;
    }
}
