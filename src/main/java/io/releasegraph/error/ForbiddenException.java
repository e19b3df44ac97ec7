package io.releasegraph.error;

import io.smallrye.graphql.api.ErrorCode;

/** The caller's role does not allow the operation. */
@ErrorCode("FORBIDDEN")
public class ForbiddenException extends GatewayException {

    public ForbiddenException(String message) {
        super(message);
    }

    public ForbiddenException(String message, String upstream, Integer httpStatus, Throwable cause) {
        super(message, upstream, httpStatus, cause);
    }
}
