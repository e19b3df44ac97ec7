package io.releasegraph.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.releasegraph.sandbox.cryptlex.CryptlexRateLimiter;
import io.releasegraph.sandbox.cryptlex.CryptlexSandboxState;
import io.releasegraph.sandbox.launchdarkly.LaunchDarklyRateLimiter;
import io.releasegraph.sandbox.launchdarkly.LaunchDarklyStore;
import io.releasegraph.sandbox.trifacta.TrifactaSandboxState;
import io.releasegraph.store.IdempotencyRepository;
import io.releasegraph.store.RunRepository;

/**
 * Puts the sandboxes and the gateway's own records back to their starting state. {@link CleanSlateCallback}
 * calls it before every {@code @QuarkusTest} method, so no test depends on what another one did.
 */
@ApplicationScoped
public class CleanSlate {

    private final TrifactaSandboxState trifacta;
    private final CryptlexSandboxState cryptlex;
    private final CryptlexRateLimiter cryptlexRateLimit;
    private final LaunchDarklyStore launchDarkly;
    private final LaunchDarklyRateLimiter launchDarklyRateLimit;
    private final RunRepository runs;
    private final IdempotencyRepository idempotency;

    CleanSlate(TrifactaSandboxState trifacta, CryptlexSandboxState cryptlex, CryptlexRateLimiter cryptlexRateLimit,
            LaunchDarklyStore launchDarkly, LaunchDarklyRateLimiter launchDarklyRateLimit, RunRepository runs,
            IdempotencyRepository idempotency) {
        this.trifacta = trifacta;
        this.cryptlex = cryptlex;
        this.cryptlexRateLimit = cryptlexRateLimit;
        this.launchDarkly = launchDarkly;
        this.launchDarklyRateLimit = launchDarklyRateLimit;
        this.runs = runs;
        this.idempotency = idempotency;
    }

    @Transactional
    public void reset() {
        trifacta.reset();
        cryptlex.reset();
        cryptlexRateLimit.reset();
        launchDarkly.reset();
        launchDarklyRateLimit.reset();
        runs.deleteAll();
        idempotency.deleteAll();
    }
}
