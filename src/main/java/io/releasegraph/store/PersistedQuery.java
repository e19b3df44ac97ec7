package io.releasegraph.store;

import java.time.OffsetDateTime;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * A GraphQL document registered under the hex SHA-256 of its text (Automatic Persisted Queries, trusted documents).
 * Table {@code persisted_query}; one entity per persistence unit extends it (see {@link RunRecord}).
 */
@MappedSuperclass
public abstract class PersistedQuery {

    @Id
    @Column(name = "sha256_hash", length = 64)
    public String sha256Hash;

    @Column(name = "document", nullable = false, columnDefinition = "text")
    public String document;

    @Column(name = "registered_at", nullable = false)
    public OffsetDateTime registeredAt;

    @Override
    public boolean equals(Object other) {
        return other instanceof PersistedQuery query && Objects.equals(sha256Hash, query.sha256Hash);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(sha256Hash);
    }
}
