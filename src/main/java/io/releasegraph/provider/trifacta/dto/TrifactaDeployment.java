package io.releasegraph.provider.trifacta.dto;

import java.time.OffsetDateTime;

/** A v4 deployment; {@code releases} is there only with {@code embed=releases}. */
public record TrifactaDeployment(
        long id,
        String name,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        Integer numReleases,
        TrifactaList<TrifactaRelease> releases) {
}
