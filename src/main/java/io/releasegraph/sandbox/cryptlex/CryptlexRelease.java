package io.releasegraph.sandbox.cryptlex;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A release as Cryptlex Web API v3 sends it (seed 003); {@code publishedAt} is null until published. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CryptlexRelease(
        String id,
        Instant createdAt,
        Instant updatedAt,
        String name,
        String channel,
        String version,
        List<String> platforms,
        String notes,
        int totalFiles,
        Instant publishedAt,
        List<CryptlexReleaseFile> files,
        boolean published,
        @JsonProperty("private") boolean isPrivate,
        boolean archived,
        String productId,
        String tenantId) {
}
