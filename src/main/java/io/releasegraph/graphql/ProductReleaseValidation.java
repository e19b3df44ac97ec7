package io.releasegraph.graphql;

import java.util.regex.Pattern;

import io.releasegraph.domain.ProductReleaseInput;
import io.releasegraph.error.ValidationException;

/**
 * Cryptlex's rules for a release's fields, only those seed 003 states (version format, lengths, string platforms),
 * checked before any upstream call so that a bad input costs nothing and the error names the field, which Cryptlex's
 * own 400 does not. Everything else goes to Cryptlex, whose answer decides.
 */
final class ProductReleaseValidation {

    static final Pattern VERSION = Pattern.compile("^\\d+\\.\\d+(\\.\\d+){0,2}$");
    static final int MAX_TEXT = 256;
    static final int MAX_NOTES = 4096;

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
        // Seed 003 types platforms as strings and states no count or length: anything else is Cryptlex's to judge.
        if (input.platforms() != null && input.platforms().stream().anyMatch(platform -> platform == null)) {
            throw new ValidationException("platforms", "Each platform must be a string, e.g. windows.");
        }
    }

    private static void text(String value, String field) {
        if (value != null && (value.isEmpty() || value.length() > MAX_TEXT)) {
            throw new ValidationException(field, "`" + field + "` must be 1 to " + MAX_TEXT + " characters.");
        }
    }
}
