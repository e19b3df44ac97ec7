package io.releasegraph.error;

import io.smallrye.graphql.api.ErrorCode;

/** The caller sent no valid credentials. */
@ErrorCode("UNAUTHENTICATED")
public class UnauthenticatedException extends GatewayException {

    public UnauthenticatedException(String message) {
        super(message);
    }

    public UnauthenticatedException(String message, String upstream, Integer httpStatus, Throwable cause) {
        super(message, upstream, httpStatus, cause);
    }
}
