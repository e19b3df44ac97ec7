package io.releasegraph.sandbox.launchdarkly;

import jakarta.ws.rs.core.Response.Status;

/** A LaunchDarkly error answer: HTTP status plus the {@code code} and {@code message} of its JSON body. */
public class LdApiException extends RuntimeException {

    private final Status status;
    private final String code;

    LdApiException(Status status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static LdApiException invalidRequest(String message) {
        return new LdApiException(Status.BAD_REQUEST, "invalid_request", message);
    }

    static LdApiException notFound(String message) {
        return new LdApiException(Status.NOT_FOUND, "not_found", message);
    }

    Status status() {
        return status;
    }

    String code() {
        return code;
    }
}
