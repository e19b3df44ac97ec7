package io.releasegraph.error;

import java.util.Optional;

import io.smallrye.graphql.api.ErrorCode;

/**
 * Base of every error the gateway reports on purpose. Each subclass carries its {@code extensions.code}
 * through SmallRye's {@code @ErrorCode}; {@link ErrorExtensions} adds {@code upstream}, {@code http.status},
 * {@code field}, {@code retryAfterSeconds}, {@code upstreamCode} and {@code upstreamMessage}. Messages are for people:
 * never credentials; an upstream's words go only in the last two, trimmed and redacted.
 */
public abstract class GatewayException extends RuntimeException {

    private final String upstream;
    private final Integer httpStatus;
    // Set once, right after construction, by the translation of an upstream's error answer.
    private String upstreamCode;
    private String upstreamMessage;

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

    /**
     * The upstream's own error code and message from its JSON error body ({@code extensions.upstreamCode},
     * {@code extensions.upstreamMessage}); the caller has trimmed them and removed credentials.
     */
    public GatewayException withUpstreamAnswer(String code, String message) {
        this.upstreamCode = code;
        this.upstreamMessage = message;
        return this;
    }

    /** The upstream's own error code (e.g. LaunchDarkly {@code forbidden}), when its error body had one. */
    public Optional<String> upstreamCode() {
        return Optional.ofNullable(upstreamCode);
    }

    /** The upstream's own error message, when its error body had one. */
    public Optional<String> upstreamMessage() {
        return Optional.ofNullable(upstreamMessage);
    }

    /** The contract's code, as in {@code extensions.code}. */
    public String code() {
        return getClass().getAnnotation(ErrorCode.class).value();
    }
}
