package io.releasegraph.cache;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.releasegraph.cache.h2.H2CacheEntryRepository;
import io.releasegraph.cache.postgresql.PgCacheEntryRepository;
import io.releasegraph.config.GatewayConfig;
import io.releasegraph.support.Blocking;
import io.releasegraph.support.Datasources;
import io.smallrye.mutiny.Uni;

/**
 * The cache's store level in the active persistence unit. Every method runs its own short transaction on a worker
 * thread ({@link Blocking}): never on the event loop, never around an upstream call.
 */
@ApplicationScoped
public class CacheStore {

    /** A stored entry as the cache uses it; entities never leave this package. */
    public record Stored(String payload, OffsetDateTime fetchedAt, OffsetDateTime expiresAt) {
    }

    private final CacheEntryRepository<?> repository;
    private final GatewayConfig config;

    CacheStore(H2CacheEntryRepository embedded, PgCacheEntryRepository postgresql, GatewayConfig config) {
        this.repository = Datasources.pick(embedded, postgresql);
        this.config = config;
    }

    public Uni<Optional<Stored>> read(CacheKey key) {
        return Blocking.supply(() -> readNow(key.value()));
    }

    public Uni<Void> write(CacheKey key, Stored stored) {
        return Blocking.run(() -> {
            try {
                writeNow(key, stored);
            } catch (RuntimeException concurrentInsert) {
                // Another replica stored the same key between our read and our insert; its copy is as good as ours.
                Log.debugf("cache entry %s written concurrently: %s", key.value(), concurrentInsert.getClass().getName());
            }
        });
    }

    public Uni<Void> delete(Collection<CacheKey> keys) {
        return Blocking.run(() -> deleteNow(keys.stream().map(CacheKey::value).toList()));
    }

    /** Entries too old to serve even as a stale copy go. */
    @Scheduled(every = "${gateway.cache.purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        long purged = purgeNow(OffsetDateTime.now(ZoneOffset.UTC).minus(config.cache().staleIfError()));
        Log.debugf("purged %d cache entries older than stale-if-error", purged);
    }

    /**
     * Its own short transaction, not SUPPORTS: concurrent reads of one GraphQL request run on several worker threads,
     * and outside a transaction they would share the request's one session, which is not thread-safe.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Optional<Stored> readNow(String key) {
        return repository.findByIdOptional(key).map(entry -> new Stored(entry.payload,
                entry.fetchedAt.withOffsetSameInstant(ZoneOffset.UTC), entry.expiresAt.withOffsetSameInstant(ZoneOffset.UTC)));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void writeNow(CacheKey key, Stored stored) {
        writeIn(repository, key, stored);
    }

    private static <E extends CacheEntry> void writeIn(CacheEntryRepository<E> entries, CacheKey key, Stored stored) {
        E entry = entries.findById(key.value());
        if (entry == null) {
            entry = entries.newEntry();
            entry.key = key.value();
            entry.upstream = key.upstream().key();
            entry.kind = key.kind();
            entry.payload = stored.payload();
            entry.fetchedAt = stored.fetchedAt();
            entry.expiresAt = stored.expiresAt();
            entries.persistAndFlush(entry);
            return;
        }
        entry.payload = stored.payload();
        entry.fetchedAt = stored.fetchedAt();
        entry.expiresAt = stored.expiresAt();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void deleteNow(Collection<String> keys) {
        if (!keys.isEmpty()) {
            repository.deleteByKeys(keys);
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    long purgeNow(OffsetDateTime cutoff) {
        return repository.deleteFetchedBefore(cutoff);
    }

    /** Every stored entry goes; for tests that need a cold cache. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void deleteAllNow() {
        repository.deleteAll();
    }
}
