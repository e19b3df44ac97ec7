package io.releasegraph.domain;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("What `completeReleasePhase` did.")
public record CompleteReleasePhasePayload(
        @NonNull @Description("The flag release after the change.") FlagRelease release,
        @NonNull @Description("The phase that was marked, after the change.") ReleasePhase phase,
        @Description("False when the phase already was as asked, so nothing was sent to LaunchDarkly.") boolean changed) {
}
