package io.releasegraph.domain;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

@Description("How the releases on a pipeline are getting on.")
public record ReleasePipelineProgress(
        @Description("Releases not complete yet.") int activeCount,
        @Description("Releases with every phase complete.") int completedCount,
        @Description("All releases on the pipeline.") int totalCount,
        @NonNull @Description("How many releases stand in each phase, in the pipeline's order.") List<@NonNull ReleasePipelinePhaseProgress> phases,
        @Ignore List<String> flagKeys) {
}
