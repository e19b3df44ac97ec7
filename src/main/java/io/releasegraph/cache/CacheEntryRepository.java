package io.releasegraph.cache;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Stored cache entries in one persistence unit; {@code cache.h2} and {@code cache.postgresql} bind it to their entity. */
public abstract class CacheEntryRepository<E extends CacheEntry> implements PanacheRepositoryBase<E, String> {

    /** A new, unsaved entry of this persistence unit's entity. */
    public abstract E newEntry();

    /** Entries too old even to serve as a stale copy. */
    public long deleteFetchedBefore(OffsetDateTime cutoff) {
        return delete("fetchedAt < ?1", cutoff);
    }
}
