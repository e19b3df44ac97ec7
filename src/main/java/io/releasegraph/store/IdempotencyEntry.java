package io.releasegraph.store;

import java.time.OffsetDateTime;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * One idempotency key: claimed before the upstream call, completed with its result after. Table
 * {@code idempotency_key}; one entity per persistence unit extends it (see {@link RunRecord}).
 */
@MappedSuperclass
public abstract class IdempotencyEntry {

    @Id
    @Column(name = "idem_key", length = 200)
    public String key;

    @Column(name = "operation", nullable = false, length = 64)
    public String operation;

    /** A hash of the request, so a key reused for a different request is refused rather than replayed. */
    @Column(name = "fingerprint", nullable = false, length = 64)
    public String fingerprint;

    /** Unbounded text (V5): an import's flow names are the client's. */
    @Column(name = "result", columnDefinition = "text")
    public String result;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "completed_at")
    public OffsetDateTime completedAt;

    @Override
    public boolean equals(Object other) {
        return other instanceof IdempotencyEntry entry && Objects.equals(key, entry.key);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(key);
    }
}
