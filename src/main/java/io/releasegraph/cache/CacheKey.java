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

    private static final String EVERY = "**";

    /**
     * Every entry of a kind, for an eviction that cannot name them all: lists cached once per filter. Evicting it
     * drops each entry of the kind, here, in the store and on every replica.
     */
    public static CacheKey every(ReleaseSource upstream, String kind) {
        return new CacheKey(upstream, kind, EVERY);
    }

    public boolean isEvery() {
        return EVERY.equals(id);
    }

    /** Whether evicting this key evicts {@code other}: the same key, or any of its kind for {@link #every}. */
    public boolean reaches(CacheKey other) {
        return isEvery() ? upstream == other.upstream && kind.equals(other.kind) : equals(other);
    }

    /** The stored form, e.g. {@code trifacta/deployment/7}. */
    public String value() {
        return upstream.key() + "/" + kind + "/" + id;
    }

    /** The key of a stored form (as other replicas send them), empty when it is not one. */
    public static java.util.Optional<CacheKey> parse(String value) {
        String[] parts = value.split("/", 3);
        if (parts.length < 3) {
            return java.util.Optional.empty();
        }
        return java.util.Arrays.stream(ReleaseSource.values()).filter(source -> source.key().equals(parts[0]))
                .findFirst().map(source -> new CacheKey(source, parts[1], parts[2]));
    }
}
