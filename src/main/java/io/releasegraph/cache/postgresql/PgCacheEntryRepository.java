package io.releasegraph.cache.postgresql;

import jakarta.enterprise.context.ApplicationScoped;

import io.releasegraph.cache.CacheEntryRepository;

@ApplicationScoped
public class PgCacheEntryRepository extends CacheEntryRepository<PgCacheEntry> {

    @Override
    public PgCacheEntry newEntry() {
        return new PgCacheEntry();
    }
}
