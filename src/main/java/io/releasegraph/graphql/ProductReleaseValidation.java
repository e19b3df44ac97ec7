package io.releasegraph.graphql;

import java.util.regex.Pattern;

import io.releasegraph.domain.ProductReleaseInput;
import io.releasegraph.error.ValidationException;

/**
 * Cryptlex's rules for a release's fields (seed 003), checked before any upstream call so that a bad input costs
 * nothing and the error names the field, which Cryptlex's own 400 does not.
 */
final class ProductReleaseValidation {

    static final Pattern VERSION = Pattern.compile("^\\d+\\.\\d+(\\.\\d+){0,2}$");
    static final int MAX_TEXT = 256;
    static final int MAX_NOTES = 4096;
    static final int MAX_PLATFORMS = 100;

    private ProductReleaseValidation() {
    }

    static void validate(ProductReleaseInput input) {
        if (input.isEmpty()) {
            throw new ValidationException("input", "Set at least one field to change.");
        }
        if (input.version() != null && !VERSION.matcher(input.version()).matches()) {
            throw new ValidationException("version",
                    "`version` must be x.x, x.x.x or x.x.x.x with digits only, e.g. 2.5.1.");
        }
        text(input.name(), "name");
        text(input.channel(), "channel");
        if (input.notes() != null && input.notes().length() > MAX_NOTES) {
            throw new ValidationException("notes", "`notes` must be at most " + MAX_NOTES + " characters.");
        }
        if (input.platforms() != null) {
            if (input.platforms().size() > MAX_PLATFORMS) {
                throw new ValidationException("platforms", "At most " + MAX_PLATFORMS + " platforms.");
            }
            if (input.platforms().stream().anyMatch(platform -> platform == null || platform.isBlank())) {
                throw new ValidationException("platforms", "Each platform must be a non-empty string, e.g. windows.");
            }
        }
    }

    private static void text(String value, String field) {
        if (value != null && (value.isEmpty() || value.length() > MAX_TEXT)) {
            throw new ValidationException(field, "`" + field + "` must be 1 to " + MAX_TEXT + " characters.");
        }
    }
}
