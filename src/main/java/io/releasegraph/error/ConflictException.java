package io.releasegraph.error;

import io.smallrye.graphql.api.ErrorCode;

/** The request is valid but the object's state does not allow it (e.g. run without an active release). */
@ErrorCode("CONFLICT")
public class ConflictException extends GatewayException {

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, String upstream, Integer httpStatus, Throwable cause) {
        super(message, upstream, httpStatus, cause);
    }
}
