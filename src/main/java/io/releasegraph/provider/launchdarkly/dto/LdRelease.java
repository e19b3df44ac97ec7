package io.releasegraph.provider.launchdarkly.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A flag's current release ({@code Release} in the spec). {@code name} is the pipeline's name; whether the pipeline
 * is legacy is only on the pipeline ({@link LdReleasePipeline#isLegacy()}).
 */
public record LdRelease(
        String name,
        String releasePipelineKey,
        String releasePipelineDescription,
        List<LdReleasePhase> phases,
        @JsonProperty("_version") Integer version,
        @JsonProperty("_releaseVariationId") String releaseVariationId,
        @JsonProperty("_canceledAt") Long canceledAt) {
}
