package io.releasegraph.provider.launchdarkly.dto;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code ReleasePipeline}. {@code _isLegacy} decides how a release's phases are completed (JSON Patch or PUT). */
public record LdReleasePipeline(
        String key,
        String name,
        String description,
        OffsetDateTime createdAt,
        List<LdPhase> phases,
        List<String> tags,
        @JsonProperty("_version") Integer version,
        @JsonProperty("isProjectDefault") Boolean isProjectDefault,
        @JsonProperty("_isLegacy") Boolean isLegacy) {
}
