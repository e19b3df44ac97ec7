package io.releasegraph.store;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.releasegraph.store.h2.H2IdempotencyRepository;
import io.releasegraph.store.postgresql.PgIdempotencyRepository;
import io.releasegraph.support.Blocking;
import io.releasegraph.support.Datasources;
import io.smallrye.mutiny.Uni;

/**
 * Idempotency keys in the shared database, so a repeat holds across replicas and restarts. A key is claimed
 * before the upstream call and completed with its result after; a repeat then replays the result.
 */
@ApplicationScoped
public class IdempotencyStore {

    /** What a claim found. */
    public sealed interface Claim {
        /** The key is ours now: go ahead and call the upstream. */
        record Fresh() implements Claim {
        }

        /** The key's request finished before: answer its result. */
        record Completed(String result) implements Claim {
        }

        /** The key's request is still running, or its outcome is unknown. */
        record InFlight() implements Claim {
        }

        /** The key was used for a different request. */
        record Mismatch() implements Claim {
        }
    }

    private final IdempotencyRepository<?> repository;

    IdempotencyStore(H2IdempotencyRepository embedded, PgIdempotencyRepository postgresql) {
        this.repository = Datasources.pick(embedded, postgresql);
    }

    public Uni<Claim> claim(String key, String operation, String fingerprint, Duration window) {
        return Blocking.supply(() -> {
            try {
                return claimNow(key, operation, fingerprint, window);
            } catch (RuntimeException concurrentInsert) {
                // Another replica inserted the same key between our read and our insert: read its entry.
                Log.debugf("idempotency key claimed concurrently; reading the winner's entry");
                return claimNow(key, operation, fingerprint, window);
            }
        });
    }

    public Uni<Void> complete(String key, String result) {
        return Blocking.run(() -> completeNow(key, result));
    }

    /** Frees the key after a failure that certainly changed nothing upstream, so the caller may retry. */
    public Uni<Void> release(String key) {
        return Blocking.run(() -> releaseNow(key));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Claim claimNow(String key, String operation, String fingerprint, Duration window) {
        return claimIn(repository, key, operation, fingerprint, window);
    }

    private static <E extends IdempotencyEntry> Claim claimIn(IdempotencyRepository<E> keys, String key,
            String operation, String fingerprint, Duration window) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        E entry = keys.findById(key);
        if (entry != null && entry.createdAt.isBefore(now.minus(window))) {
            keys.delete(entry);
            keys.flush();
            entry = null;
        }
        if (entry == null) {
            E fresh = keys.newEntry();
            fresh.key = key;
            fresh.operation = operation;
            fresh.fingerprint = fingerprint;
            fresh.createdAt = now;
            keys.persistAndFlush(fresh);
            return new Claim.Fresh();
        }
        if (!entry.operation.equals(operation) || !entry.fingerprint.equals(fingerprint)) {
            return new Claim.Mismatch();
        }
        return entry.completedAt == null ? new Claim.InFlight() : new Claim.Completed(entry.result);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void completeNow(String key, String result) {
        IdempotencyEntry entry = repository.findById(key);
        if (entry != null) {
            entry.result = result;
            entry.completedAt = OffsetDateTime.now(ZoneOffset.UTC);
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void releaseNow(String key) {
        repository.deleteById(key);
    }
}
