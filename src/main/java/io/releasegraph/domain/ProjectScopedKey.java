package io.releasegraph.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A LaunchDarkly object named by its project and its own key (a flag, a pipeline): the external ID inside a global
 * ID, written {@code projectKey/key}. LaunchDarkly keys never contain a slash, so the split is unambiguous.
 */
public record ProjectScopedKey(String projectKey, String key) {

    /** LaunchDarkly's key alphabet; anything else could not be a key and must never reach an upstream path. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,255}");

    public static boolean isKey(String value) {
        return value != null && KEY.matcher(value).matches();
    }

    public static Optional<ProjectScopedKey> parse(String externalId) {
        String[] parts = externalId.split("/", -1);
        if (parts.length != 2 || !isKey(parts[0]) || !isKey(parts[1])) {
            return Optional.empty();
        }
        return Optional.of(new ProjectScopedKey(parts[0], parts[1]));
    }

    public String externalId() {
        return projectKey + "/" + key;
    }
}
