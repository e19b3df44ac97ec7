package io.releasegraph.sandbox.trifacta;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.releasegraph.sandbox.trifacta.TrifactaJson.RunOverride;
import io.releasegraph.sandbox.trifacta.TrifactaSandboxState.ReleasePatch;

/** Turns raw path, query and body values into validated input, or a 400 {@code ValidationFailed}. */
final class TrifactaRequests {

    /** Only reads trees, so the application's Jackson settings cannot change what the sandbox accepts. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrifactaRequests() {
    }

    static int id(String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw TrifactaApiException.validation("Invalid id", "'" + raw + "' is not an integer id");
        }
    }

    /** A non-negative integer query parameter, or {@code fallback} when absent. */
    static int integer(String name, String raw, int fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, like a negative value
        }
        throw TrifactaApiException.validation("Invalid " + name, name + " must be a non-negative integer, got '" + raw + "'");
    }

    static boolean bool(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return false;
        }
        if (raw.equals("true") || raw.equals("false")) {
            return Boolean.parseBoolean(raw);
        }
        throw TrifactaApiException.validation("Invalid " + name, name + " must be true or false, got '" + raw + "'");
    }

    /**
     * Whether the comma-separated {@code embed} parameter asks for {@code association}; any association
     * the endpoint does not offer is a 400, as on the real API.
     */
    static boolean embeds(String embed, String association) {
        if (embed == null || embed.isBlank()) {
            return false;
        }
        List<String> asked = Arrays.stream(embed.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String name : asked) {
            if (!name.equals(association)) {
                throw TrifactaApiException.validation("Invalid embed",
                        "'" + name + "' is not an association of this object; allowed: " + association);
            }
        }
        return !asked.isEmpty();
    }

    /** PATCH body: only the changed fields; {@code active} false and null both mean inactive. */
    static ReleasePatch releasePatch(String body) {
        JsonNode root = requireObject(parse(body), "request body");
        Boolean active = null;
        JsonNode activeNode = root.get("active");
        if (activeNode != null) {
            if (activeNode.isNull()) {
                active = false;
            } else if (activeNode.isBoolean()) {
                active = activeNode.booleanValue();
            } else {
                throw TrifactaApiException.validation("Invalid active", "active must be true, false or null");
            }
        }
        JsonNode notesNode = root.get("notes");
        if (notesNode != null && !notesNode.isNull() && !notesNode.isTextual()) {
            throw TrifactaApiException.validation("Invalid notes", "notes must be a string or null");
        }
        return new ReleasePatch(active, notesNode != null, notesNode == null ? null : notesNode.textValue());
    }

    /** Run body: empty, or {@code {"runParameters":{"overrides":{"data":[{"key","value"}]}}}}. */
    static List<RunOverride> runOverrides(String body) {
        if (body == null || body.isBlank()) {
            return List.of();
        }
        JsonNode root = requireObject(parse(body), "request body");
        JsonNode data = root.path("runParameters").path("overrides").path("data");
        if (data.isMissingNode() || data.isNull()) {
            return List.of();
        }
        if (!data.isArray()) {
            throw TrifactaApiException.validation("Invalid runParameters", "runParameters.overrides.data must be an array");
        }
        List<RunOverride> overrides = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            String path = "runParameters.overrides.data[" + i + "]";
            JsonNode item = requireObject(data.get(i), path);
            overrides.add(new RunOverride(text(item, "key", path), text(item, "value", path)));
        }
        return overrides;
    }

    private static String text(JsonNode item, String field, String path) {
        JsonNode node = item.get(field);
        if (node == null || !node.isTextual()) {
            throw TrifactaApiException.validation("Invalid runParameters", path + "." + field + " must be a string");
        }
        return node.textValue();
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw TrifactaApiException.validation("Malformed JSON", e.getOriginalMessage());
        }
    }

    private static JsonNode requireObject(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw TrifactaApiException.validation("Input validation failed", what + " must be a JSON object");
        }
        return node;
    }
}
