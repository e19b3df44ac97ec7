package io.releasegraph.sandbox.cryptlex;

import jakarta.ws.rs.core.MultivaluedMap;

/** Typed query parameters that fail with 400 VALIDATION_ERROR (JAX-RS conversion would answer 404). */
final class QueryParams {

    private QueryParams() {
    }

    static String text(MultivaluedMap<String, String> query, String name) {
        String value = query.getFirst(name);
        return value == null || value.isEmpty() ? null : value;
    }

    static int integer(MultivaluedMap<String, String> query, String name, int fallback, int min, int max) {
        String value = text(query, name);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, like an out-of-range number
        }
        String range = max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
        throw CryptlexApiException.validation(name + " must be an integer " + range);
    }

    static Boolean bool(MultivaluedMap<String, String> query, String name) {
        String value = text(query, name);
        if (value == null) {
            return null;
        }
        if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
            return Boolean.valueOf(value);
        }
        throw CryptlexApiException.validation(name + " must be true or false");
    }
}
