package io.releasegraph.sandbox.cryptlex;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A file of a release as Cryptlex Web API v3 sends it; {@code secured} is false for external files. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CryptlexReleaseFile(
        String id,
        Instant createdAt,
        Instant updatedAt,
        String name,
        String url,
        long size,
        long downloads,
        String extension,
        String checksum,
        boolean secured,
        boolean published,
        String releaseId,
        String releaseName) {
}
