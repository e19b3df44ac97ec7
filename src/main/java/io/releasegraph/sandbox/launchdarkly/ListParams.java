package io.releasegraph.sandbox.launchdarkly;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code filter}, {@code limit} and {@code offset} query parameters shared by LaunchDarkly list endpoints. */
final class ListParams {

    static final int DEFAULT_LIMIT = 20;

    private ListParams() {
    }

    /** A page window; parsed here rather than bound as integers so a bad value is a 400, not JAX-RS's 404. */
    record Page(int limit, int offset) {

        static Page parse(String limit, String offset) {
            return new Page(number("limit", limit, DEFAULT_LIMIT, 1), number("offset", offset, 0, 0));
        }

        <T> List<T> slice(List<T> items) {
            int from = Math.min(offset, items.size());
            return items.subList(from, Math.min(items.size(), from + limit));
        }

        private static int number(String name, String raw, int fallback, int min) {
            if (raw == null || raw.isBlank()) {
                return fallback;
            }
            try {
                int value = Integer.parseInt(raw.trim());
                if (value >= min) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw LdApiException.invalidRequest(name + " must be an integer >= " + min);
        }
    }

    /** Parses {@code field:value,field:value}; a field outside {@code allowed} or a bad term is a 400. */
    static Map<String, String> filter(String raw, List<String> allowed) {
        Map<String, String> terms = new LinkedHashMap<>();
        if (raw == null || raw.isBlank()) {
            return terms;
        }
        for (String term : raw.split(",")) {
            int colon = term.indexOf(':');
            String field = colon < 0 ? "" : term.substring(0, colon).trim();
            String value = colon < 0 ? "" : term.substring(colon + 1).trim();
            if (!allowed.contains(field) || value.isEmpty()) {
                throw LdApiException.invalidRequest(
                        "Invalid filter term \"" + term.trim() + "\"; supported fields: " + String.join(", ", allowed));
            }
            terms.put(field, value);
        }
        return terms;
    }
}
