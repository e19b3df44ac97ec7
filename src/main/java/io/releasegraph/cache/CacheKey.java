package io.releasegraph.cache;

import io.releasegraph.domain.ReleaseSource;

/**
 * What a cache entry holds: one upstream object, or one upstream list, named by upstream, kind and ID.
 * The kind selects the TTL ({@code gateway.cache.ttl.<kind>}); lists use the ID {@code *} or their filter.
 */
public record CacheKey(ReleaseSource upstream, String kind, String id) {

    public static CacheKey of(ReleaseSource upstream, String kind, Object id) {
        return new CacheKey(upstream, kind, String.valueOf(id));
    }

    public static CacheKey list(ReleaseSource upstream, String kind) {
        return new CacheKey(upstream, kind, "*");
    }

    /** The stored form, e.g. {@code trifacta/deployment/7}. */
    public String value() {
        return upstream.key() + "/" + kind + "/" + id;
    }
}
