package io.releasegraph.domain;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A phase of a release pipeline, as every release on the pipeline starts it.")
public record ReleasePipelinePhase(
        @Id @NonNull @Description("LaunchDarkly's phase ID; the releases on the pipeline use it as their phases' `phaseId`.") String phaseId,
        @NonNull @Description("The phase's name.") String name,
        @NonNull @Description("Who the flag is released to in this phase.") List<@NonNull ReleaseAudience> audiences) {
}
