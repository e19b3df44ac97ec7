package io.releasegraph.provider.launchdarkly.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An audience of a release phase ({@code ReleaseAudience}): an environment and how the flag reaches it. */
public record LdReleaseAudience(
        @JsonProperty("_id") String id,
        String name,
        LdEnvironmentSummary environment,
        LdAudienceConfiguration configuration,
        List<String> segmentKeys,
        String status,
        @JsonProperty("_ruleIds") List<String> ruleIds) {
}
