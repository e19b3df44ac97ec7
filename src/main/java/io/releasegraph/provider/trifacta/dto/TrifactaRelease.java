package io.releasegraph.provider.trifacta.dto;

import java.time.OffsetDateTime;

/** A v4 release. {@code active} is {@code true} or {@code null}: Trifacta says inactive with null. */
public record TrifactaRelease(
        long id,
        String notes,
        String packageUuid,
        Boolean active,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        TrifactaRef deployment) {
}
