package io.releasegraph.provider.launchdarkly.dto;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code ReleaseProgression}: one flag's release on a pipeline, and where it stands. */
public record LdReleaseProgression(
        String flagKey,
        @JsonProperty("_createdAt") Long createdAt,
        @JsonProperty("_completedAt") Long completedAt,
        String activePhaseId) {
}
