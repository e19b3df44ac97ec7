package io.releasegraph.error;

import io.smallrye.graphql.api.ErrorCode;

/**
 * The upstream has no such endpoint (a 404 that is not the upstream's own "object not found" answer): the gateway is
 * configured for another API version or base URL than the upstream serves. An operator must fix the configuration,
 * so it is neither retried nor counted by a circuit breaker, and never reported as a missing object.
 */
@ErrorCode("UPSTREAM_ERROR")
public class UpstreamEndpointMissingException extends GatewayException {

    public UpstreamEndpointMissingException(String message, String upstream, Integer httpStatus) {
        super(message, upstream, httpStatus, null);
    }
}
