package io.releasegraph.support;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/** Starts every {@code @QuarkusTest} method from the seeded sandboxes and empty gateway tables. */
public class CleanSlateCallback implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        Arc.container().instance(CleanSlate.class).get().reset();
    }
}
