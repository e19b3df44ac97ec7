package io.releasegraph.error;

import io.smallrye.graphql.api.ErrorCode;

/**
 * The upstream refused the gateway's own credentials (401/403): the upstream is up, the gateway is misconfigured.
 * Same contract code as other upstream errors, but neither retried nor counted by a circuit breaker.
 */
@ErrorCode("UPSTREAM_ERROR")
public class UpstreamCredentialsException extends GatewayException {

    public UpstreamCredentialsException(String message, String upstream, Integer httpStatus) {
        super(message, upstream, httpStatus, null);
    }
}
