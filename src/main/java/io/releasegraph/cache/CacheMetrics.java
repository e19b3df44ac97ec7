package io.releasegraph.cache;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters at {@code /q/metrics}: {@code releasegraph_cache_hits_total{level=memory|store}}, misses, stale serves and
 * evictions, each by upstream and kind. Labels hold names only, never IDs (unbounded) or credentials.
 */
@ApplicationScoped
public class CacheMetrics {

    public enum Level {
        MEMORY, STORE;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;

    CacheMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void hit(CacheKey key, Level level) {
        count("releasegraph.cache.hits", key, "level", level.label());
    }

    void miss(CacheKey key) {
        count("releasegraph.cache.misses", key);
    }

    void staleServed(CacheKey key) {
        count("releasegraph.cache.stale", key);
    }

    void evicted(CacheKey key, String origin) {
        count("releasegraph.cache.evictions", key, "origin", origin);
    }

    private void count(String name, CacheKey key, String... extraTags) {
        String[] tags = new String[4 + extraTags.length];
        tags[0] = "upstream";
        tags[1] = key.upstream().key();
        tags[2] = "kind";
        tags[3] = key.kind();
        System.arraycopy(extraTags, 0, tags, 4, extraTags.length);
        registry.counter(name, tags).increment();
    }
}
