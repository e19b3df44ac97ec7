package io.releasegraph.support;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

import io.smallrye.faulttolerance.api.CircuitBreakerName;

/**
 * A circuit breaker named by the upstream convention, so readiness tests can open one the way a failing
 * Trifacta client would. Its state is reset with {@code CircuitBreakerMaintenance} after each test.
 */
@ApplicationScoped
public class BreakerFixture {

    public static final String NAME = "trifacta-breakerFixture";

    @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 60_000)
    @CircuitBreakerName(NAME)
    public void fail() {
        throw new IllegalStateException("upstream failing");
    }
}
