package io.releasegraph.store;

import java.time.OffsetDateTime;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * A run the gateway started: which deployment, with which parameters (JSON), when. Table {@code run_record}; one
 * entity per persistence unit extends it ({@code store.h2}, {@code store.postgresql}), because Panache maps an entity
 * to one persistence unit only.
 */
@MappedSuperclass
public abstract class RunRecord {

    @Id
    @Column(name = "job_group_id")
    public Long jobGroupId;

    @Column(name = "deployment_id", nullable = false)
    public long deploymentId;

    /** Unbounded text (V5): a run Trifacta started is recorded whatever the size of its overrides. */
    @Column(name = "parameters", nullable = false, columnDefinition = "text")
    public String parameters;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    /** The idempotency key the run was started or adopted under (V7); null without one. */
    @Column(name = "idem_key", length = 200)
    public String idempotencyKey;

    @Override
    public boolean equals(Object other) {
        return other instanceof RunRecord record && Objects.equals(jobGroupId, record.jobGroupId);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(jobGroupId);
    }
}
