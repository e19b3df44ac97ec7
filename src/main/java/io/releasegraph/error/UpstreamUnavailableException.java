package io.releasegraph.error;

import io.smallrye.graphql.api.ErrorCode;

/** The upstream could not be reached, or its circuit breaker is open. */
@ErrorCode("UPSTREAM_UNAVAILABLE")
public class UpstreamUnavailableException extends UpstreamFault {

    public UpstreamUnavailableException(String message) {
        super(message);
    }

    public UpstreamUnavailableException(String message, String upstream, Integer httpStatus, Throwable cause) {
        super(message, upstream, httpStatus, cause);
    }
}
