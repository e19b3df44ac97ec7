package io.releasegraph.graphql;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A run's write times out after 1 s (so a WireMock delay outlasts it), a retry waits at most 3 s for a sent run to
 * show, and two failures open a breaker.
 */
public class ExactlyOnceProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "gateway.fault-tolerance.operation.trifacta-run.timeout", "1s",
                "gateway.idempotency.settle", "PT3S",
                "gateway.fault-tolerance.circuit-breaker.request-volume-threshold", "2",
                "gateway.fault-tolerance.circuit-breaker.failure-ratio", "1.0",
                "gateway.fault-tolerance.circuit-breaker.delay", "60s");
    }
}
