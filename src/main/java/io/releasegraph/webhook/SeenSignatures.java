package io.releasegraph.webhook;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Signatures of webhooks already accepted, each kept until its timestamp leaves the tolerance window (after that
 * the timestamp check refuses a replay by itself), so a captured request cannot be delivered twice.
 *
 * <p>In memory, so only this replica remembers: with several replicas a replay could reach one that has not seen the
 * signature. A multi-replica deployment needs a shared record with an atomic insert, e.g. a PostgreSQL table with the
 * signature as primary key ({@code INSERT ... ON CONFLICT DO NOTHING}) and expired rows deleted now and then.
 */
@ApplicationScoped
public class SeenSignatures {

    /** Prune expired entries once the map holds this many, so it cannot grow without bound under a valid stream. */
    private static final int PRUNE_ABOVE = 10_000;

    private final Map<String, Instant> seen = new ConcurrentHashMap<>();

    /** True the first time a signature is offered within its lifetime; false for a replay. */
    public boolean firstTime(String signature, Instant expiresAt, Instant now) {
        if (seen.size() > PRUNE_ABOVE) {
            seen.values().removeIf(expiry -> !now.isBefore(expiry));
        }
        boolean[] first = { false };
        seen.compute(signature, (key, expiry) -> {
            if (expiry == null || !now.isBefore(expiry)) {
                first[0] = true;
                return expiresAt;
            }
            return expiry;
        });
        return first[0];
    }
}
