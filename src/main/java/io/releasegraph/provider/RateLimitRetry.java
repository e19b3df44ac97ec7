package io.releasegraph.provider;

import java.time.Duration;
import java.util.function.Supplier;

import io.releasegraph.error.UpstreamRateLimitedException;
import io.smallrye.mutiny.Uni;

/**
 * Waits out an upstream's 429 and tries again, when the upstream asks for a wait within the configured bound.
 * Safe for every method, writes included: a 429 means the upstream refused the request, so nothing happened.
 * Any other failure passes through untouched; a wait beyond the bound fails at once with the upstream's
 * {@code Retry-After}, so the caller can tell its own client when to come back.
 */
public final class RateLimitRetry {

    private RateLimitRetry() {
    }

    /**
     * @param call makes the call anew on each attempt; its failures must already be translated
     *        ({@link UpstreamFailures#translate})
     */
    public static <T> Uni<T> honouring(Supplier<Uni<T>> call, Duration maxWait, int maxRetries) {
        return attempt(call, maxWait, maxRetries, 0);
    }

    private static <T> Uni<T> attempt(Supplier<Uni<T>> call, Duration maxWait, int maxRetries, int retried) {
        return Uni.createFrom().<T> deferred(call::get).onFailure(UpstreamRateLimitedException.class).recoverWithUni(failure -> {
            long wait = ((UpstreamRateLimitedException) failure).retryAfterSeconds();
            if (retried >= maxRetries || wait > maxWait.toSeconds()) {
                return Uni.createFrom().failure(failure);
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofSeconds(wait))
                    .chain(() -> attempt(call, maxWait, maxRetries, retried + 1));
        });
    }
}
