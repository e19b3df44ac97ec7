package io.releasegraph.domain;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("How many releases stand in one phase of a pipeline.")
public record ReleasePipelinePhaseProgress(
        @Id @NonNull @Description("LaunchDarkly's phase ID.") String phaseId,
        @NonNull @Description("The phase's name.") String name,
        @Description("Releases whose current phase this is.") int releaseCount) {
}
