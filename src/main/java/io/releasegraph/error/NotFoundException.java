package io.releasegraph.error;

import io.smallrye.graphql.api.ErrorCode;

/** The object does not exist here or upstream. */
@ErrorCode("NOT_FOUND")
public class NotFoundException extends GatewayException {

    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, String upstream, Integer httpStatus, Throwable cause) {
        super(message, upstream, httpStatus, cause);
    }
}
