package io.releasegraph.provider.cryptlex.dto;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A v3 release file; {@code secured} is false for external files. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CryptlexReleaseFile(
        String id,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        String name,
        String url,
        Long size,
        Long downloads,
        String extension,
        String checksum,
        boolean secured,
        boolean published,
        String releaseId,
        String releaseName) {
}
