package io.releasegraph.cache;

import java.time.OffsetDateTime;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One stored upstream object or list (table {@code cache_entry}): normalised domain JSON, when it was fetched, when it
 * stops being fresh, the upstream's validators, and a generation that every eviction raises. An evicted entry stays as
 * a tombstone (no payload) until the purge, so that a load that started before the eviction cannot store its result. One entity per persistence unit extends it ({@code cache.h2},
 * {@code cache.postgresql}), because Panache maps an entity to one persistence unit only.
 */
@MappedSuperclass
public abstract class CacheEntry {

    /** {@link CacheKey#value()}, e.g. {@code trifacta/deployment/7}. */
    @Id
    @Column(name = "cache_key", length = 600)
    public String key;

    @Column(name = "upstream", nullable = false, length = 32)
    public String upstream;

    @Column(name = "kind", nullable = false, length = 64)
    public String kind;

    /** JSON on H2, jsonb on PostgreSQL (Flyway placeholder {@code json_type}); null in a tombstone. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "payload")
    public String payload;

    @Column(name = "generation", nullable = false)
    public long generation;

    @Column(name = "fetched_at", nullable = false)
    public OffsetDateTime fetchedAt;

    @Column(name = "expires_at", nullable = false)
    public OffsetDateTime expiresAt;

    @Column(name = "etag", length = 512)
    public String etag;

    @Column(name = "last_modified", length = 64)
    public String lastModified;

    @Override
    public boolean equals(Object other) {
        return other instanceof CacheEntry entry && Objects.equals(key, entry.key);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(key);
    }
}
