package io.releasegraph.cache.postgresql;

import jakarta.enterprise.context.ApplicationScoped;

import io.releasegraph.cache.CacheEntryRepository;

@ApplicationScoped
public class PgCacheEntryRepository extends CacheEntryRepository<PgCacheEntry> {

    @Override
    public PgCacheEntry newEntry() {
        return new PgCacheEntry();
    }

    /** One statement, atomic across replicas: the loser of a concurrent insert inserts nothing and learns it. */
    @Override
    public boolean insertIfAbsent(PgCacheEntry entry) {
        return getEntityManager().createNativeQuery("INSERT INTO cache_entry (cache_key, upstream, kind, payload, "
                + "generation, fetched_at, expires_at, etag, last_modified) VALUES (?1, ?2, ?3, CAST(?4 AS jsonb), ?5, "
                + "?6, ?7, ?8, ?9) ON CONFLICT (cache_key) DO NOTHING")
                .setParameter(1, entry.key)
                .setParameter(2, entry.upstream)
                .setParameter(3, entry.kind)
                .setParameter(4, entry.payload)
                .setParameter(5, entry.generation)
                .setParameter(6, entry.fetchedAt)
                .setParameter(7, entry.expiresAt)
                .setParameter(8, entry.etag)
                .setParameter(9, entry.lastModified)
                .executeUpdate() == 1;
    }
}
