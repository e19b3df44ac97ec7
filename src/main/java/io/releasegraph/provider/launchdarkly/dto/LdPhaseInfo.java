package io.releasegraph.provider.launchdarkly.dto;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code PhaseInfo}: how many releases stand in a pipeline phase. */
public record LdPhaseInfo(@JsonProperty("_id") String id, String name, int releaseCount) {
}
