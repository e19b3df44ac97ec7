package io.releasegraph.provider.cryptlex.dto;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A v3 release (seed 003). {@code files} is embedded; {@code totalFiles} says how many there are in all. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CryptlexRelease(
        String id,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        String name,
        String channel,
        String version,
        List<String> platforms,
        String notes,
        Integer totalFiles,
        OffsetDateTime publishedAt,
        List<CryptlexReleaseFile> files,
        boolean published,
        @JsonProperty("private") boolean isPrivate,
        boolean archived,
        String productId,
        String tenantId) {
}
