package io.releasegraph.graphql;

import io.releasegraph.domain.ProjectScopedKey;
import io.releasegraph.error.ValidationException;

/** Checks LaunchDarkly keys from arguments; they go into upstream paths, so nothing else may pass. */
final class Keys {

    private Keys() {
    }

    static String launchDarkly(String value, String argument) {
        if (!ProjectScopedKey.isKey(value)) {
            throw new ValidationException(argument, "`" + argument
                    + "` must be a LaunchDarkly key: up to 256 letters, digits, '.', '_' or '-'.");
        }
        return value;
    }
}
