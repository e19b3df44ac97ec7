package io.releasegraph.cache;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters at {@code /q/metrics}: {@code releasegraph_cache_hits_total{level=memory|store}}, misses, revalidations (304),
 * reads shared with the cache off, stale serves and evictions, each by upstream and kind. Labels hold names only,
 * never IDs (unbounded) or credentials.
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
    private final Map<Meter, Counter> counters = new ConcurrentHashMap<>();

    CacheMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void hit(CacheKey key, Level level) {
        count("releasegraph.cache.hits", key, "level", level.label());
    }

    void miss(CacheKey key) {
        count("releasegraph.cache.misses", key);
    }

    /** With the cache off: a read that shared an identical read already in flight instead of calling the upstream. */
    void shared(CacheKey key) {
        count("releasegraph.cache.shared", key);
    }

    /** An expired copy the upstream confirmed unchanged (HTTP 304), renewed without a body. */
    void revalidated(CacheKey key) {
        count("releasegraph.cache.revalidations", key);
    }

    /** Whole answers ({@link ResponseCache}): {@code level="response"}, {@code upstream="gateway"}. */
    void responseHit() {
        count("releasegraph.cache.hits", RESPONSES, "level", "response");
    }

    void responseMiss() {
        count("releasegraph.cache.misses", RESPONSES);
    }

    private static final CacheKey RESPONSES = new CacheKey(null, "response", "*");

    void staleServed(CacheKey key) {
        count("releasegraph.cache.stale", key);
    }

    void evicted(CacheKey key, String origin) {
        count("releasegraph.cache.evictions", key, "origin", origin);
    }

    /** Counters by name and tags, so a cache hit does not look its meter up in the registry every time. */
    private record Meter(String name, String upstream, String kind, List<String> extraTags) {
    }

    private void count(String name, CacheKey key, String... extraTags) {
        String upstream = key.upstream() == null ? "gateway" : key.upstream();
        counters.computeIfAbsent(new Meter(name, upstream, key.kind(), List.of(extraTags)), this::register)
                .increment();
    }

    private Counter register(Meter meter) {
        String[] tags = new String[4 + meter.extraTags().size()];
        tags[0] = "upstream";
        tags[1] = meter.upstream();
        tags[2] = "kind";
        tags[3] = meter.kind();
        for (int i = 0; i < meter.extraTags().size(); i++) {
            tags[4 + i] = meter.extraTags().get(i);
        }
        return registry.counter(meter.name(), tags);
    }
}
