package io.releasegraph.provider;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import io.quarkus.logging.Log;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.error.UpstreamErrorException;
import io.releasegraph.error.UpstreamRateLimitedException;
import io.smallrye.mutiny.Uni;

/**
 * Waits out an upstream's 429 and calls again, but only when the upstream asks for a wait within a bound: a
 * GraphQL caller would rather get UPSTREAM_RATE_LIMITED with {@code retryAfterSeconds} than hang for a minute.
 * The wait comes from {@link RetryAfter} ({@code Retry-After}, {@code X-Ratelimit-Reset}, ...), through the
 * {@link UpstreamRateLimitedException} that {@link UpstreamFailures} makes of the 429.
 *
 * <p>Safe for writes too: a 429 means the upstream refused the request before doing anything, so this is the only
 * retry a write ever gets. Every provider uses it; wrap each call in a supplier so that every attempt sends a new
 * request.
 */
public final class RateLimitRetry {

    /** Spreads the retries of concurrent callers so they do not all hit the new window at the same instant. */
    private static final long MAX_JITTER_MILLIS = 250;

    private final ReleaseSource upstream;
    private final Duration maxWait;
    private final int maxRetries;

    public RateLimitRetry(ReleaseSource upstream, Duration maxWait, int maxRetries) {
        this.upstream = upstream;
        this.maxWait = maxWait;
        this.maxRetries = maxRetries;
    }

    /**
     * The call's outcome, any failure already translated by {@link UpstreamFailures#translate}. Every call of this
     * product expects a body, so an empty answer is an upstream error here too, where circuit breakers count it.
     */
    public <T> Uni<T> call(Supplier<Uni<? extends T>> call) {
        return attempt(call, maxRetries);
    }

    private <T> Uni<T> attempt(Supplier<Uni<? extends T>> call, int retriesLeft) {
        return Uni.createFrom().<T> deferred(call)
                .onItem().ifNull().failWith(() -> new UpstreamErrorException(
                        UpstreamFailures.displayName(upstream) + " sent an empty answer.", upstream.key(), null, null))
                .onFailure().transform(failure -> UpstreamFailures.translate(upstream, failure))
                .onFailure(UpstreamRateLimitedException.class).recoverWithUni(failure -> {
                    long seconds = ((UpstreamRateLimitedException) failure).retryAfterSeconds();
                    Duration wait = Duration.ofSeconds(seconds);
                    if (retriesLeft <= 0 || wait.compareTo(maxWait) > 0) {
                        return Uni.createFrom().failure(failure);
                    }
                    Log.debugf("%s rate limited the gateway; retrying in %d s", upstream.key(), seconds);
                    Duration jitter = Duration.ofMillis(ThreadLocalRandom.current().nextLong(MAX_JITTER_MILLIS + 1));
                    return Uni.createFrom().voidItem().onItem().delayIt().by(wait.plus(jitter))
                            .chain(() -> attempt(call, retriesLeft - 1));
                });
    }
}
