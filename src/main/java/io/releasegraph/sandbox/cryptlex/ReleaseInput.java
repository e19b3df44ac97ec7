package io.releasegraph.sandbox.cryptlex;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The writable release fields of a create or PATCH body, validated as Cryptlex documents them
 * (upstreams.md D4). A {@code null} component means "absent": PATCH leaves that field alone.
 */
record ReleaseInput(
        String productId,
        String name,
        String version,
        String channel,
        List<String> platforms,
        Boolean isPrivate,
        String notes) {

    private static final Pattern VERSION = Pattern.compile("^\\d+\\.\\d+(\\.\\d+){0,2}$");
    private static final int MAX_NAME = 256;
    private static final int MAX_NOTES = 4096;

    /** A create body: {@code productId}, {@code name} and {@code version} are required. */
    static ReleaseInput forCreate(JsonNode body) {
        ReleaseInput input = parse(body);
        requirePresent("productId", input.productId());
        requirePresent("name", input.name());
        requirePresent("version", input.version());
        return input;
    }

    /** A PATCH body: every field optional, {@code productId} and unknown fields ignored. */
    static ReleaseInput forUpdate(JsonNode body) {
        ReleaseInput input = parse(body);
        return new ReleaseInput(null, input.name(), input.version(), input.channel(), input.platforms(),
                input.isPrivate(), input.notes());
    }

    private static ReleaseInput parse(JsonNode body) {
        JsonBodies.requireObject(body);
        String productId = text(body, "productId", "productId must be a non-empty string", 1, MAX_NAME);
        String name = text(body, "name", "name must be a string of 1 to 256 characters", 1, MAX_NAME);
        String channel = text(body, "channel", "channel must be a string of 1 to 256 characters", 1, MAX_NAME);
        String notes = text(body, "notes", "notes must be a string of at most 4096 characters", 0, MAX_NOTES);
        String version = text(body, "version",
                "version must have the format x.x, x.x.x or x.x.x.x (digits only)", 1, MAX_NAME);
        if (version != null && !VERSION.matcher(version).matches()) {
            throw CryptlexApiException.validation(
                    "version must have the format x.x, x.x.x or x.x.x.x (digits only)");
        }
        return new ReleaseInput(productId, name, version, channel, platforms(body), bool(body, "private"), notes);
    }

    private static String text(JsonNode body, String field, String rule, int min, int max) {
        if (!body.has(field)) {
            return null;
        }
        JsonNode node = body.get(field);
        if (!node.isTextual()) {
            throw CryptlexApiException.validation(rule);
        }
        String value = node.textValue();
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            throw CryptlexApiException.validation(rule);
        }
        return value;
    }

    private static List<String> platforms(JsonNode body) {
        if (!body.has("platforms")) {
            return null;
        }
        JsonNode node = body.get("platforms");
        String rule = "platforms must be an array of non-empty strings";
        if (!node.isArray()) {
            throw CryptlexApiException.validation(rule);
        }
        List<String> platforms = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || item.textValue().isBlank()) {
                throw CryptlexApiException.validation(rule);
            }
            platforms.add(item.textValue());
        }
        return List.copyOf(platforms);
    }

    private static Boolean bool(JsonNode body, String field) {
        if (!body.has(field)) {
            return null;
        }
        JsonNode node = body.get(field);
        if (!node.isBoolean()) {
            throw CryptlexApiException.validation(field + " must be a boolean");
        }
        return node.booleanValue();
    }

    private static void requirePresent(String field, Object value) {
        if (value == null) {
            throw CryptlexApiException.validation(field + " is required");
        }
    }
}
