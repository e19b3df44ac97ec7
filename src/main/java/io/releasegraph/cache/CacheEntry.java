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
 * stops being fresh, and the upstream's validators. One entity per persistence unit extends it ({@code cache.h2},
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

    /** JSON on H2, jsonb on PostgreSQL (Flyway placeholder {@code json_type}). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "payload", nullable = false)
    public String payload;

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
