package io.releasegraph.provider.launchdarkly.dto;

import java.util.List;

/**
 * {@code ReleaseProgressionCollection}: one page of a pipeline's releases; the counts and {@code phases} cover all
 * of them, {@code totalCount} the ones the filter matched (all, as the gateway sends no filter).
 */
public record LdReleaseProgressionCollection(
        int activeCount,
        int completedCount,
        int totalCount,
        List<LdReleaseProgression> items,
        List<LdPhaseInfo> phases) {
}
