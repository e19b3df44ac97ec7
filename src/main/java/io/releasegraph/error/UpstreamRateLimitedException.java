package io.releasegraph.error;

import io.smallrye.graphql.api.ErrorCode;

/** The upstream keeps refusing for rate limits; {@code extensions.retryAfterSeconds} says when to try again. */
@ErrorCode("UPSTREAM_RATE_LIMITED")
public class UpstreamRateLimitedException extends GatewayException {

    private final long retryAfterSeconds;

    public UpstreamRateLimitedException(String message, String upstream, long retryAfterSeconds) {
        super(message, upstream, 429, null);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
