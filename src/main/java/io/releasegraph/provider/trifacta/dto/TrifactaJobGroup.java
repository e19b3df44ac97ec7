package io.releasegraph.provider.trifacta.dto;

import java.time.OffsetDateTime;

/** A v4 job group; {@code jobs} is there only with {@code embed=jobs}. */
public record TrifactaJobGroup(
        long id,
        String status,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        TrifactaRef deployment,
        TrifactaList<TrifactaJob> jobs) {
}
