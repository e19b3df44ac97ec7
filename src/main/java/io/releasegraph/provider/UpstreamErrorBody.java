package io.releasegraph.provider;

import java.util.Optional;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.releasegraph.observability.CredentialRedaction;

/**
 * An upstream's own error answer, read from its JSON body in the shapes the vendors document:
 * {@code {"code", "message"}} (LaunchDarkly: OpenAPI {@code *ErrorRep}; Cryptlex: {@code {"message", "code"}}) and
 * Trifacta's {@code {"exception": {"name", "message", "details"}}} (upstreams.md A.6). Text is trimmed to
 * {@value #MAX_LENGTH} characters and credentials are redacted, since it goes into a caller's error.
 *
 * @param code the vendor's code ({@code code}, or Trifacta's {@code exception.name}); may be null
 * @param message the vendor's message; may be null
 * @param exceptionEnvelope true when the body had Trifacta's {@code exception} envelope
 */
public record UpstreamErrorBody(String code, String message, boolean exceptionEnvelope) {

    public static final int MAX_LENGTH = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The error answer of a failed response; empty when the body is absent or none of the documented shapes. */
    public static Optional<UpstreamErrorBody> read(Response response) {
        try {
            if (response == null || !response.hasEntity()) {
                return Optional.empty();
            }
            return parse(response.readEntity(String.class));
        } catch (RuntimeException e) {
            // An unreadable error body is not worth a second failure: the status still says what happened.
            return Optional.empty();
        }
    }

    public static Optional<UpstreamErrorBody> parse(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        JsonNode exception = root.get("exception");
        if (exception != null && exception.isObject()) {
            return Optional.of(new UpstreamErrorBody(text(exception.get("name")), text(exception.get("message")), true));
        }
        String code = text(root.get("code"));
        String message = text(root.get("message"));
        return code == null && message == null ? Optional.empty()
                : Optional.of(new UpstreamErrorBody(code, message, false));
    }

    private static String text(JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        return clean(node.asText());
    }

    /** One line, no credential, at most {@value #MAX_LENGTH} characters; null when nothing is left. */
    static String clean(String text) {
        String line = CredentialRedaction.redact(text.replaceAll("\\p{Cntrl}+", " ").strip());
        if (line.length() > MAX_LENGTH) {
            line = line.substring(0, MAX_LENGTH - 1) + "…";
        }
        return line.isEmpty() ? null : line;
    }
}
