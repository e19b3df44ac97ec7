package io.releasegraph.store;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.releasegraph.store.h2.H2WebhookDeliveryRepository;
import io.releasegraph.store.postgresql.PgWebhookDeliveryRepository;
import io.releasegraph.support.Blocking;
import io.releasegraph.support.Datasources;
import io.releasegraph.support.Sha256;
import io.smallrye.mutiny.Uni;

/**
 * Webhook deliveries already accepted, in the shared store, so a replay is refused by every replica and after a
 * restart. Each delivery is claimed with an insert under its signature's hash (the primary key): the store decides
 * atomically which of two concurrent claims wins, on any replica. Work runs on worker threads in short transactions.
 */
@ApplicationScoped
public class WebhookDeliveries {

    private final WebhookDeliveryRepository<?> repository;
    private final Clock clock;

    WebhookDeliveries(H2WebhookDeliveryRepository embedded, PgWebhookDeliveryRepository postgresql, Clock clock) {
        this.repository = Datasources.pick(embedded, postgresql);
        this.clock = clock;
    }

    /** The key a delivery is remembered under: hex SHA-256 of its signature bytes. */
    public static String key(byte[] signature) {
        return Sha256.hex(signature);
    }

    /** True when this is the first claim of the delivery still remembered (on any replica); false for a replay. */
    public Uni<Boolean> claim(byte[] signature, Instant expiresAt) {
        String key = key(signature);
        return Blocking.supply(() -> {
            try {
                return claimNow(key, OffsetDateTime.now(clock), expiresAt.atOffset(ZoneOffset.UTC));
            } catch (RuntimeException e) {
                if (UniqueViolation.causes(e)) {
                    return false; // another replica (or request) inserted it between our read and our insert
                }
                throw e;
            }
        });
    }

    /** Forgets a claimed delivery whose handling failed, so that the sender's retry of it is handled. */
    public Uni<Void> forget(byte[] signature) {
        String key = key(signature);
        return Blocking.run(() -> forgetNow(key));
    }

    /** Expired memories go; a claim also replaces an expired row of its own key, so this only bounds the table. */
    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        long purged = purgeNow(OffsetDateTime.now(clock));
        Log.debugf("purged %d expired webhook deliveries", purged);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    boolean claimNow(String key, OffsetDateTime now, OffsetDateTime expiresAt) {
        return claimIn(repository, key, now, expiresAt);
    }

    private static <E extends WebhookDelivery> boolean claimIn(WebhookDeliveryRepository<E> deliveries, String key,
            OffsetDateTime now, OffsetDateTime expiresAt) {
        // Read first so an ordinary replay costs no failed insert (and no SQL error in the log).
        E seen = deliveries.findById(key);
        if (seen != null) {
            if (seen.expiresAt.isAfter(now)) {
                return false;
            }
            deliveries.delete(seen);
            deliveries.flush();
        }
        E fresh = deliveries.newEntry();
        fresh.signatureHash = key;
        fresh.receivedAt = now;
        fresh.expiresAt = expiresAt;
        deliveries.persistAndFlush(fresh);
        return true;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void forgetNow(String key) {
        repository.deleteById(key);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    long purgeNow(OffsetDateTime now) {
        return repository.deleteExpiredBy(now);
    }

    /** Every remembered delivery goes; for tests. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void deleteAllNow() {
        repository.deleteAll();
    }
}
