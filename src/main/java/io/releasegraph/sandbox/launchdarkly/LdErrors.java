package io.releasegraph.sandbox.launchdarkly;

import java.util.UUID;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds LaunchDarkly error responses: always JSON {@code {code, message, id}}, never a stack trace. */
final class LdErrors {

    private LdErrors() {
    }

    static Response response(int status, String code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new LdWire.ApiError(code, message, UUID.randomUUID().toString()))
                .build();
    }

    static Response response(LdApiException e) {
        return response(e.status().getStatusCode(), e.code(), e.getMessage());
    }

    /** The vendor's error class for a status, for errors the framework raises rather than the sandbox. */
    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "optimistic_locking_error";
            case 429 -> "rate_limited";
            default -> status >= 500 ? "internal_server_error" : "invalid_request";
        };
    }
}
