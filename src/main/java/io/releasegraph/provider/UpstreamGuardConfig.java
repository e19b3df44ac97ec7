package io.releasegraph.provider;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Values of the guard around every upstream call (see {@link UpstreamGuards}). Programmatic guards do not read
 * {@code quarkus.fault-tolerance.*}, so they have their own keys; one operation can be tuned by its breaker name.
 */
@ConfigMapping(prefix = "gateway.fault-tolerance")
public interface UpstreamGuardConfig {

    /** Per call, including any 429 wait: keep each {@code rate-limit.max-wait} below it. */
    @WithDefault("10s")
    Duration timeout();

    Retry retry();

    CircuitBreaker circuitBreaker();

    /** Overrides for one operation, keyed by its breaker name, e.g. {@code trifacta-importRelease}. */
    Map<String, Operation> operation();

    /** Retries of reads only, with exponential backoff. */
    interface Retry {
        @WithDefault("2")
        int maxRetries();

        @WithDefault("200ms")
        Duration delay();

        @WithDefault("100ms")
        Duration jitter();

        @WithDefault("2s")
        Duration maxDelay();
    }

    interface CircuitBreaker {
        @WithDefault("10")
        int requestVolumeThreshold();

        @WithDefault("0.5")
        double failureRatio();

        @WithDefault("10s")
        Duration delay();

        @WithDefault("2")
        int successThreshold();
    }

    interface Operation {
        Optional<Duration> timeout();
    }

    /** The timeout of one operation: its own, else the default. */
    default Duration timeout(String operation) {
        Operation own = operation().get(operation);
        return own == null ? timeout() : own.timeout().orElse(timeout());
    }
}
