package io.releasegraph.cache;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Stored cache entries in one persistence unit; {@code cache.h2} and {@code cache.postgresql} bind it to their entity. */
public abstract class CacheEntryRepository<E extends CacheEntry> implements PanacheRepositoryBase<E, String> {

    /** A new, unsaved entry of this persistence unit's entity. */
    public abstract E newEntry();

    /**
     * Inserts the entry unless its key exists; answers whether it did. Never a unique-key violation: concurrent loads
     * of one key are normal. The embedded H2 store has one process, whose writers {@link CacheStore} serialises per
     * key; PostgreSQL overrides this with {@code INSERT ... ON CONFLICT DO NOTHING}, which holds across replicas.
     */
    public boolean insertIfAbsent(E entry) {
        if (findById(entry.key) != null) {
            return false;
        }
        persistAndFlush(entry);
        return true;
    }

    /** Entries too old even to serve as a stale copy. */
    public long deleteFetchedBefore(OffsetDateTime cutoff) {
        return delete("fetchedAt < ?1", cutoff);
    }
}
