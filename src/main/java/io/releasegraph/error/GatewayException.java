package io.releasegraph.error;

import java.util.Optional;

import io.smallrye.graphql.api.ErrorCode;

/**
 * Base of every error the gateway reports on purpose. Each subclass carries its {@code extensions.code}
 * through SmallRye's {@code @ErrorCode}; {@link ErrorExtensions} adds {@code upstream}, {@code http.status},
 * {@code field} and {@code retryAfterSeconds}. Messages are for people: never credentials or upstream bodies.
 */
public abstract class GatewayException extends RuntimeException {

    private final String upstream;
    private final Integer httpStatus;

    protected GatewayException(String message, String upstream, Integer httpStatus, Throwable cause) {
        // No stack trace: these are expected outcomes, and a trace must never reach a response or a log line.
        super(message, cause, false, false);
        this.upstream = upstream;
        this.httpStatus = httpStatus;
    }

    protected GatewayException(String message) {
        this(message, null, null, null);
    }

    /** The upstream involved ({@code trifacta}, {@code cryptlex}, {@code launchdarkly}), if any. */
    public Optional<String> upstream() {
        return Optional.ofNullable(upstream);
    }

    /** The HTTP status the upstream answered, if it answered at all. */
    public Optional<Integer> httpStatus() {
        return Optional.ofNullable(httpStatus);
    }

    /** The contract's code, as in {@code extensions.code}. */
    public String code() {
        return getClass().getAnnotation(ErrorCode.class).value();
    }
}
