package io.releasegraph.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.releasegraph.sandbox.trifacta.TrifactaSandboxState;
import io.releasegraph.store.IdempotencyRepository;
import io.releasegraph.store.RunRepository;

/** Puts the sandboxes and the gateway's own records back to their starting state between tests. */
@ApplicationScoped
public class CleanSlate {

    private final TrifactaSandboxState trifacta;
    private final RunRepository runs;
    private final IdempotencyRepository idempotency;

    CleanSlate(TrifactaSandboxState trifacta, RunRepository runs, IdempotencyRepository idempotency) {
        this.trifacta = trifacta;
        this.runs = runs;
        this.idempotency = idempotency;
    }

    @Transactional
    public void reset() {
        trifacta.reset();
        runs.deleteAll();
        idempotency.deleteAll();
    }
}
