package io.releasegraph.provider.trifacta.dto;

import java.time.OffsetDateTime;

/** One job of a job group. */
public record TrifactaJob(
        long id,
        String status,
        String jobType,
        Integer percentComplete,
        String errorMessage,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
}
