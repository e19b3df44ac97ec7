package io.releasegraph.provider.launchdarkly.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A phase of a release ({@code ReleasePhase}); dates are epoch milliseconds. Note {@code _id}, not {@code id}. */
public record LdReleasePhase(
        @JsonProperty("_id") String id,
        @JsonProperty("_name") String name,
        boolean complete,
        @JsonProperty("_creationDate") Long creationDate,
        @JsonProperty("_audiences") List<LdReleaseAudience> audiences,
        @JsonProperty("_completionDate") Long completionDate,
        @JsonProperty("_completedBy") LdCompletedBy completedBy,
        String status,
        Boolean started,
        @JsonProperty("_startedDate") Long startedDate) {
}
