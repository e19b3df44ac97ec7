package io.releasegraph.cache;

import io.releasegraph.domain.ReleaseSource;

/**
 * What a cache entry holds: one upstream object, or one upstream list, named by upstream (a provider's key),
 * kind and ID. The kind selects the TTL ({@code gateway.cache.ttl.<kind>}); lists use the ID {@code *} or their filter.
 */
public record CacheKey(String upstream, String kind, String id) {

    public static CacheKey of(ReleaseSource upstream, String kind, Object id) {
        return of(upstream.key(), kind, id);
    }

    public static CacheKey of(String upstream, String kind, Object id) {
        return new CacheKey(upstream, kind, String.valueOf(id));
    }

    public static CacheKey list(ReleaseSource upstream, String kind) {
        return list(upstream.key(), kind);
    }

    public static CacheKey list(String upstream, String kind) {
        return new CacheKey(upstream, kind, "*");
    }

    private static final String EVERY = "**";

    /**
     * Every entry of a kind, for an eviction that cannot name them all: lists cached once per filter. Evicting it
     * drops each entry of the kind, here, in the store and on every replica.
     */
    public static CacheKey every(ReleaseSource upstream, String kind) {
        return every(upstream.key(), kind);
    }

    public static CacheKey every(String upstream, String kind) {
        return new CacheKey(upstream, kind, EVERY);
    }

    public boolean isEvery() {
        return EVERY.equals(id);
    }

    /** Whether evicting this key evicts {@code other}: the same key, or any of its kind for {@link #every}. */
    public boolean reaches(CacheKey other) {
        return isEvery() ? java.util.Objects.equals(upstream, other.upstream) && kind.equals(other.kind)
                : equals(other);
    }

    /** The stored form, e.g. {@code trifacta/deployment/7}. */
    public String value() {
        return upstream + "/" + kind + "/" + id;
    }

    /** The key of a stored form (as other replicas send them), empty when it is not one. */
    public static java.util.Optional<CacheKey> parse(String value) {
        String[] parts = value.split("/", 3);
        if (parts.length < 3 || parts[0].isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new CacheKey(parts[0], parts[1], parts[2]));
    }
}
