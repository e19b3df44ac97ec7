package io.releasegraph.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.releasegraph.cache.CacheStore;
import io.releasegraph.cache.UpstreamCache;
import io.releasegraph.sandbox.SandboxFaults;
import io.releasegraph.sandbox.cryptlex.CryptlexRateLimiter;
import io.releasegraph.sandbox.cryptlex.CryptlexSandboxState;
import io.releasegraph.sandbox.launchdarkly.LaunchDarklyRateLimiter;
import io.releasegraph.sandbox.launchdarkly.LaunchDarklyStore;
import io.releasegraph.sandbox.trifacta.TrifactaSandboxState;
import io.releasegraph.store.WebhookDeliveries;
import io.releasegraph.store.h2.H2IdempotencyRepository;
import io.releasegraph.store.h2.H2RunRepository;
import io.releasegraph.store.postgresql.PgIdempotencyRepository;
import io.releasegraph.store.postgresql.PgRunRepository;

/**
 * Puts the clock, the sandboxes, the gateway's own records (runs, idempotency keys, webhook deliveries) and the cache (both
 * levels) back to their starting state, on whichever store is active (H2, or PostgreSQL in the CI's PostgreSQL run).
 * {@link CleanSlateCallback} calls it before every {@code @QuarkusTest} method, so no test depends on what another
 * one did.
 */
@ApplicationScoped
public class CleanSlate {

    private final TrifactaSandboxState trifacta;
    private final CryptlexSandboxState cryptlex;
    private final CryptlexRateLimiter cryptlexRateLimit;
    private final LaunchDarklyStore launchDarkly;
    private final LaunchDarklyRateLimiter launchDarklyRateLimit;
    private final SandboxFaults faults;
    private final H2RunRepository h2Runs;
    private final PgRunRepository pgRuns;
    private final H2IdempotencyRepository h2Idempotency;
    private final PgIdempotencyRepository pgIdempotency;
    private final CacheStore cacheStore;
    private final UpstreamCache cache;
    private final WebhookDeliveries webhookDeliveries;
    private final MutableClock clock;

    CleanSlate(TrifactaSandboxState trifacta, CryptlexSandboxState cryptlex, CryptlexRateLimiter cryptlexRateLimit,
            LaunchDarklyStore launchDarkly, LaunchDarklyRateLimiter launchDarklyRateLimit, SandboxFaults faults,
            H2RunRepository h2Runs, PgRunRepository pgRuns, H2IdempotencyRepository h2Idempotency,
            PgIdempotencyRepository pgIdempotency, CacheStore cacheStore, UpstreamCache cache,
            WebhookDeliveries webhookDeliveries, MutableClock clock) {
        this.clock = clock;
        this.trifacta = trifacta;
        this.cryptlex = cryptlex;
        this.cryptlexRateLimit = cryptlexRateLimit;
        this.launchDarkly = launchDarkly;
        this.launchDarklyRateLimit = launchDarklyRateLimit;
        this.faults = faults;
        this.h2Runs = h2Runs;
        this.pgRuns = pgRuns;
        this.h2Idempotency = h2Idempotency;
        this.pgIdempotency = pgIdempotency;
        this.cacheStore = cacheStore;
        this.cache = cache;
        this.webhookDeliveries = webhookDeliveries;
    }

    @Transactional
    public void reset() {
        clock.reset();
        trifacta.reset();
        cryptlex.reset();
        cryptlexRateLimit.reset();
        launchDarkly.reset();
        launchDarklyRateLimit.reset();
        faults.reset();
        if (Datasources.postgresqlActive()) {
            pgRuns.deleteAllRuns();
            pgIdempotency.deleteAll();
        } else {
            h2Runs.deleteAllRuns();
            h2Idempotency.deleteAll();
        }
        webhookDeliveries.deleteAllNow();
        clearCache();
    }

    /** A cold cache: nothing in memory, nothing stored. */
    public void clearCache() {
        cacheStore.deleteAllNow();
        cache.clearMemory();
    }
}
