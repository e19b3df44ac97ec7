package io.releasegraph.cache;

import java.time.OffsetDateTime;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.releasegraph.cache.h2.H2CacheEntryRepository;
import io.releasegraph.cache.postgresql.PgCacheEntryRepository;
import io.releasegraph.config.GatewayConfig;
import io.releasegraph.support.Blocking;
import io.releasegraph.support.Clocks;
import io.releasegraph.support.Datasources;
import io.smallrye.mutiny.Uni;

/**
 * The cache's store level in the active persistence unit. Every method runs its own short transaction on a worker
 * thread ({@link Blocking}): never on the event loop, never around an upstream call.
 */
@ApplicationScoped
public class CacheStore {

    /** A stored copy as the cache uses it; entities never leave this package. */
    public record Stored(String payload, OffsetDateTime fetchedAt, OffsetDateTime expiresAt, Validators validators) {

        public Stored(String payload, OffsetDateTime fetchedAt, OffsetDateTime expiresAt) {
            this(payload, fetchedAt, expiresAt, Validators.NONE);
        }
    }

    /**
     * What the store holds for a key: its copy, if any (none for a tombstone), and the generation that a conditional
     * {@link #write} compares against ({@link #ABSENT} when there is no row at all).
     */
    public record Snapshot(Optional<Stored> copy, long generation) {

        public static final long ABSENT = -1;
        public static final Snapshot NOTHING = new Snapshot(Optional.empty(), ABSENT);
    }

    private final CacheEntryRepository<?> repository;
    private final boolean postgresql;
    private final GatewayConfig config;
    private final Clock clock;

    CacheStore(H2CacheEntryRepository embedded, PgCacheEntryRepository postgresql, GatewayConfig config, Clock clock) {
        this.repository = Datasources.pick(embedded, postgresql);
        this.clock = clock;
        this.postgresql = Datasources.postgresqlActive();
        this.config = config;
    }

    public Uni<Snapshot> read(CacheKey key) {
        return Blocking.supply(() -> readNow(key.value()));
    }

    /**
     * Stores a copy if the key's generation is still the one read before the upstream call (no eviction since, on
     * any replica); answers whether it did.
     */
    public Uni<Boolean> write(CacheKey key, Stored stored, long seenGeneration) {
        return Blocking.supply(() -> writeNow(key, stored, seenGeneration));
    }

    /** Evicts the keys: each becomes a tombstone with a higher generation, so loads that started before cannot store. */
    public Uni<Void> evict(Collection<CacheKey> keys) {
        return Blocking.run(() -> {
            for (CacheKey key : keys) {
                if (key.isEvery()) {
                    evictKindNow(key);
                    continue;
                }
                try {
                    evictNow(key);
                } catch (RuntimeException concurrentInsert) {
                    evictNow(key); // someone inserted it meanwhile: now there is a row to lock
                }
            }
        });
    }

    /** Entries too old to serve even as a stale copy go. */
    @Scheduled(every = "${gateway.cache.purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        long purged = purgeNow(Clocks.now(clock).minus(config.cache().staleIfError()));
        Log.debugf("purged %d cache entries older than stale-if-error", purged);
    }

    /**
     * Its own short transaction, not SUPPORTS: concurrent reads of one GraphQL request run on several worker threads,
     * and outside a transaction they would share the request's one session, which is not thread-safe.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Snapshot readNow(String key) {
        return repository.findByIdOptional(key).map(CacheStore::snapshot).orElse(Snapshot.NOTHING);
    }

    private static Snapshot snapshot(CacheEntry entry) {
        Optional<Stored> copy = Optional.ofNullable(entry.payload).map(payload -> new Stored(payload,
                entry.fetchedAt.withOffsetSameInstant(ZoneOffset.UTC), entry.expiresAt.withOffsetSameInstant(ZoneOffset.UTC),
                new Validators(entry.etag, entry.lastModified)));
        return new Snapshot(copy, entry.generation);
    }

    /**
     * An upsert: a new key is inserted if absent ({@link CacheEntryRepository#insertIfAbsent}), so concurrent loads of
     * one key never meet a unique-key violation. On the embedded H2 store (one process) writers of one key also take
     * turns here, so they do not queue on H2's row lock until its lock timeout.
     */
    boolean writeNow(CacheKey key, Stored stored, long seenGeneration) {
        if (postgresql) {
            return QuarkusTransaction.requiringNew().call(() -> writeIn(repository, key, stored, seenGeneration));
        }
        synchronized (STRIPES[Math.floorMod(key.value().hashCode(), STRIPES.length)]) {
            return QuarkusTransaction.requiringNew().call(() -> writeIn(repository, key, stored, seenGeneration));
        }
    }

    private static final Object[] STRIPES = new Object[64];

    static {
        for (int i = 0; i < STRIPES.length; i++) {
            STRIPES[i] = new Object();
        }
    }

    private static <E extends CacheEntry> boolean writeIn(CacheEntryRepository<E> entries, CacheKey key, Stored stored,
            long seenGeneration) {
        E entry = entries.findById(key.value(), LockModeType.PESSIMISTIC_WRITE);
        if (entry == null) {
            if (seenGeneration != Snapshot.ABSENT) {
                return false; // purged meanwhile; the next read stores afresh
            }
            entry = entries.newEntry();
            entry.key = key.value();
            entry.upstream = key.upstream();
            entry.kind = key.kind();
            fill(entry, stored);
            // false: another load or an eviction inserted the key meanwhile; either way ours is not needed
            return entries.insertIfAbsent(entry);
        }
        if (entry.generation != seenGeneration) {
            return false;
        }
        fill(entry, stored);
        return true;
    }

    private static void fill(CacheEntry entry, Stored stored) {
        entry.payload = stored.payload();
        entry.fetchedAt = stored.fetchedAt();
        entry.expiresAt = stored.expiresAt();
        entry.etag = stored.validators().etag();
        entry.lastModified = stored.validators().lastModified();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void evictNow(CacheKey key) {
        evictIn(repository, key);
    }

    /** Every stored entry of the key's kind becomes a tombstone, in one statement. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void evictKindNow(CacheKey every) {
        OffsetDateTime now = Clocks.now(clock);
        repository.update("payload = null, etag = null, lastModified = null, generation = generation + 1, "
                + "fetchedAt = ?1, expiresAt = ?1 where upstream = ?2 and kind = ?3", now, every.upstream(),
                every.kind());
    }

    private <E extends CacheEntry> void evictIn(CacheEntryRepository<E> entries, CacheKey key) {
        OffsetDateTime now = Clocks.now(clock);
        E entry = entries.findById(key.value(), LockModeType.PESSIMISTIC_WRITE);
        if (entry == null) {
            entry = entries.newEntry();
            entry.key = key.value();
            entry.upstream = key.upstream();
            entry.kind = key.kind();
            entry.generation = 1;
            tombstone(entry, now);
            entries.persistAndFlush(entry);
            return;
        }
        entry.generation++;
        tombstone(entry, now);
    }

    /** Kept (fetchedAt = eviction time) until the purge, so its generation outlives every load that saw the old one. */
    private static void tombstone(CacheEntry entry, OffsetDateTime now) {
        entry.payload = null;
        entry.etag = null;
        entry.lastModified = null;
        entry.fetchedAt = now;
        entry.expiresAt = now;
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
