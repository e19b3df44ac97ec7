package io.releasegraph.provider.launchdarkly.dto;

import java.util.List;

/** {@code ReleasePipelineCollection}: one page and the length of the whole list. */
public record LdReleasePipelineCollection(List<LdReleasePipeline> items, int totalCount) {
}
