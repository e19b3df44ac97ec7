package io.releasegraph.provider;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JacksonException;

import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.error.ConflictException;
import io.releasegraph.error.GatewayException;
import io.releasegraph.error.NotFoundException;
import io.releasegraph.error.UpstreamCredentialsException;
import io.releasegraph.error.UpstreamErrorException;
import io.releasegraph.error.UpstreamRateLimitedException;
import io.releasegraph.error.UpstreamTimeoutException;
import io.releasegraph.error.UpstreamUnavailableException;
import io.releasegraph.error.ValidationException;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;

/**
 * Turns what an upstream call ends with (an HTTP status or a transport failure) into the error contract,
 * the same way for every provider. Messages name the upstream and the status; the upstream's own code and message
 * (trimmed, redacted: {@link UpstreamErrorBody}) ride along as {@code extensions.upstreamCode}/{@code upstreamMessage}.
 */
public final class UpstreamFailures {

    private UpstreamFailures() {
    }

    /** For a {@code @ClientExceptionMapper}: the exception an error status stands for, with the upstream's own words. */
    public static GatewayException fromResponse(ReleaseSource upstream, Response response) {
        return fromResponse(upstream, response, UpstreamErrorBody.read(response));
    }

    /**
     * {@link #fromResponse(ReleaseSource, Response)} with the error body already read. The gateway's message names
     * the upstream and the status; {@code extensions.upstreamCode}/{@code upstreamMessage} carry the upstream's words.
     */
    public static GatewayException fromResponse(ReleaseSource upstream, Response response,
            Optional<UpstreamErrorBody> body) {
        int status = response.getStatus();
        String name = displayName(upstream);
        GatewayException failure = switch (status) {
            case 400, 422 -> new ValidationException(null, name + " rejected the request as invalid (HTTP " + status + ").",
                    upstream.key(), status);
            case 404, 410 -> new NotFoundException(name + " has no such object (HTTP " + status + ").", upstream.key(),
                    status, null);
            case 409 -> new ConflictException(name + " refused the change in the object's current state (HTTP 409).",
                    upstream.key(), status, null);
            case 429 -> new UpstreamRateLimitedException(name + " is rate limiting the gateway; try again later.",
                    upstream.key(), RetryAfter.seconds(response).orElse(1L));
            case 401, 403 -> new UpstreamCredentialsException(name + " rejected the gateway's credentials (HTTP " + status
                    + "); an operator must fix the gateway's configuration.", upstream.key(), status);
            case 503 -> new UpstreamUnavailableException(name + " is unavailable (HTTP 503).", upstream.key(), status, null);
            // Any other 4xx answers a request made of the caller's input: the upstream is up, so no breaker counts it.
            default -> status >= 400 && status < 500
                    ? new ValidationException(null, name + " rejected the request (HTTP " + status + ").",
                            upstream.key(), status)
                    : new UpstreamErrorException(name + " answered with an error (HTTP " + status + ").", upstream.key(),
                    status, null);
        };
        return body.map(answer -> failure.withUpstreamAnswer(answer.code(), answer.message())).orElse(failure);
    }

    /** Anything a call failed with, as a {@link GatewayException}; ours pass through unchanged. */
    public static GatewayException translate(ReleaseSource upstream, Throwable failure) {
        return translate(upstream.key(), upstream.displayName(), failure);
    }

    /** {@link #translate(ReleaseSource, Throwable)} for any provider, by its key and display name. */
    public static GatewayException translate(ReleaseProvider provider, Throwable failure) {
        return translate(provider.key(), provider.displayName(), failure);
    }

    private static GatewayException translate(String upstream, String name, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof GatewayException gateway) {
                return gateway;
            }
            if (cause instanceof TimeoutException || cause instanceof java.net.SocketTimeoutException
                    || cause instanceof io.netty.handler.timeout.TimeoutException
                    || cause instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException) {
                return new UpstreamTimeoutException(name + " did not answer in time.", upstream, null, null);
            }
            if (cause instanceof org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException) {
                return new UpstreamUnavailableException(name + " is failing; the gateway stopped calling it for a while.",
                        upstream, null, null);
            }
            if (cause instanceof JacksonException) {
                return new UpstreamErrorException(name + " sent an answer the gateway could not read.", upstream,
                        null, null);
            }
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof HttpClosedException || cause instanceof ClosedChannelException
                    || cause instanceof java.io.IOException) {
                return new UpstreamUnavailableException(name + " could not be reached.", upstream, null, null);
            }
            if (cause instanceof VertxException && String.valueOf(cause.getMessage()).contains("Connection was closed")) {
                return new UpstreamUnavailableException(name + " closed the connection.", upstream, null, null);
            }
        }
        return new UpstreamErrorException(name + " call failed unexpectedly.", upstream, null, null);
    }

    public static String displayName(ReleaseSource upstream) {
        return upstream.displayName();
    }
}
