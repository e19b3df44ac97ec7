package io.releasegraph.sandbox.cryptlex;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An error the sandbox answers in Cryptlex's {@code {"message","code"}} shape. */
public class CryptlexApiException extends RuntimeException {

    private final int status;
    private final String code;

    CryptlexApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static CryptlexApiException validation(String message) {
        return new CryptlexApiException(400, "VALIDATION_ERROR", message);
    }

    static CryptlexApiException notFound(String what, String id) {
        return new CryptlexApiException(404, "NOT_FOUND", what + " " + id + " was not found");
    }

    static CryptlexApiException published(String releaseId) {
        return new CryptlexApiException(409, "RELEASE_PUBLISHED",
                "release " + releaseId + " is published and therefore read-only");
    }

    /** The wire response; shared by the exception mapper and the access filter. */
    Response toResponse() {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new Error(getMessage(), code))
                .build();
    }

    /** Cryptlex's error body. */
    public record Error(String message, String code) {
    }
}
