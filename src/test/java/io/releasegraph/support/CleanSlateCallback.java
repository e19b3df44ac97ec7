package io.releasegraph.support;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * Starts every {@code @QuarkusTest} method from the seeded sandboxes, empty gateway tables and closed circuit
 * breakers, as an authenticated operator unless the test says otherwise ({@link DefaultCallerToken}).
 */
public class CleanSlateCallback implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        Arc.container().instance(CleanSlate.class).get().reset();
        Arc.container().instance(CircuitBreakerMaintenance.class).get().resetAll();
        DefaultCallerToken.install();
    }
}
