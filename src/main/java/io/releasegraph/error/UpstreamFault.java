package io.releasegraph.error;

/**
 * An upstream that is unhealthy: unreachable, too slow, or answering with errors. Only these count towards a
 * circuit breaker and only these are retried (for reads); a 4xx, a 404, a 429 or rejected credentials say the
 * upstream is up and answering, so retrying or opening the breaker would not help.
 */
public abstract class UpstreamFault extends GatewayException {

    protected UpstreamFault(String message, String upstream, Integer httpStatus, Throwable cause) {
        super(message, upstream, httpStatus, cause);
    }

    protected UpstreamFault(String message) {
        super(message);
    }
}
