package io.releasegraph.cache.h2;

import jakarta.enterprise.context.ApplicationScoped;

import io.releasegraph.cache.CacheEntryRepository;

@ApplicationScoped
public class H2CacheEntryRepository extends CacheEntryRepository<H2CacheEntry> {

    @Override
    public H2CacheEntry newEntry() {
        return new H2CacheEntry();
    }
}
