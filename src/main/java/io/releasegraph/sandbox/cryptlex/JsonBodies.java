package io.releasegraph.sandbox.cryptlex;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads request bodies ourselves so that malformed JSON also gets Cryptlex's error shape. */
final class JsonBodies {

    private JsonBodies() {
    }

    static JsonNode read(ObjectMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            throw CryptlexApiException.validation("request body must be a JSON object");
        }
        try {
            return requireObject(mapper.readTree(body));
        } catch (JsonProcessingException e) {
            throw CryptlexApiException.validation("request body must be a JSON object");
        }
    }

    static JsonNode requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw CryptlexApiException.validation("request body must be a JSON object");
        }
        return body;
    }
}
