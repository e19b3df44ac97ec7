package io.releasegraph.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.error.UpstreamFault;
import io.releasegraph.error.UpstreamUnavailableException;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Found by EngineDifferentialTest (seed 16): a read whose caller had gone (a fan-out failing fast on another
 * upstream's error, the answer sent) was still retried by its guard after the backoff, so LaunchDarkly's
 * {@code release-pipelines} was called in the middle of the next document's run, which had skipped every field.
 */
@QuarkusTest
class UpstreamGuardCancellationTest {

    private static final List<Class<? extends Throwable>> UNHEALTHY = List.of(UpstreamFault.class);

    private static UpstreamGuard retrying(String name, Duration backoff) {
        return new UpstreamGuard(Guard.create().withDescription(name)
                .withRetry().retryOn(UNHEALTHY).maxRetries(3).delay(backoff.toMillis(), ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS).done()
                .build());
    }

    @Test
    void aCancelledCallIsNotRetriedAfterItsCallerHasGone() {
        AtomicInteger attempts = new AtomicInteger();
        UpstreamGuard guard = retrying("cancelled-read", Duration.ofMillis(300));
        Cancellable caller = guard.<String> call(() -> Uni.createFrom().failure(() -> {
            attempts.incrementAndGet();
            return new UpstreamUnavailableException("down");
        })).subscribe().with(item -> {
        }, failure -> {
        });
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() == 1);
        caller.cancel();

        // well past the backoff of every retry the guard would have made
        Awaitility.await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> attempts.get() == 1);
    }

    @Test
    void aCallerStillWaitingGetsItsRetries() {
        AtomicInteger attempts = new AtomicInteger();
        UpstreamGuard guard = retrying("waiting-read", Duration.ofMillis(10));
        String answer = guard.<String> call(() -> Uni.createFrom().deferred(() -> attempts.incrementAndGet() < 3
                ? Uni.createFrom().failure(new UpstreamUnavailableException("down"))
                : Uni.createFrom().item("up"))).await().atMost(Duration.ofSeconds(5));
        assertThat(answer).isEqualTo("up");
        assertThat(attempts).hasValue(3);
    }
}
