package io.releasegraph.error;

import io.smallrye.graphql.api.ErrorCode;

/** The upstream answered with an error the caller cannot fix (5xx, rejected credentials, unreadable body). */
@ErrorCode("UPSTREAM_ERROR")
public class UpstreamErrorException extends UpstreamFault {

    public UpstreamErrorException(String message) {
        super(message);
    }

    public UpstreamErrorException(String message, String upstream, Integer httpStatus, Throwable cause) {
        super(message, upstream, httpStatus, cause);
    }
}
