package io.releasegraph.error;

import io.smallrye.graphql.api.ErrorCode;

/** The upstream did not answer in time. */
@ErrorCode("UPSTREAM_TIMEOUT")
public class UpstreamTimeoutException extends UpstreamFault {

    public UpstreamTimeoutException(String message) {
        super(message);
    }

    public UpstreamTimeoutException(String message, String upstream, Integer httpStatus, Throwable cause) {
        super(message, upstream, httpStatus, cause);
    }
}
