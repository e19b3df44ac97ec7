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

    /** Who claimed the key (the token's subject): a key replays only to its caller. */
    @Column(name = "caller", length = 200)
    public String caller;

    @Column(name = "deployment_id")
    public Long deploymentId;

    /** The request as JSON (V7), so an operator can see what an unfinished intent meant to do. */
    @Column(name = "request", columnDefinition = "text")
    public String request;

    /** {@code CLAIMED}, {@code SENDING} or {@code SENT} (see V7). */
    @Column(name = "state", nullable = false, length = 16)
    public String state;

    @Column(name = "state_at")
    public OffsetDateTime stateAt;

    @Override
    public boolean equals(Object other) {
        return other instanceof IdempotencyEntry entry && Objects.equals(key, entry.key);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(key);
    }
}
