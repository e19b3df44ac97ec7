package io.releasegraph.provider.trifacta.dto;

import java.time.OffsetDateTime;

/** A v4 release. {@code active} is {@code true} or {@code null}: Trifacta says inactive with null.
 * Who created/changed it comes as {@code creator}/{@code updater} refs, or as {@code createdBy}/{@code updatedBy} numbers. */
public record TrifactaRelease(
        long id,
        String notes,
        String packageUuid,
        Boolean active,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        TrifactaRef deployment,
        TrifactaRef creator,
        TrifactaRef updater,
        Long createdBy,
        Long updatedBy) {
}
