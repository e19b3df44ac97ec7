package io.releasegraph.domain;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("An audience of a release phase: an environment, the segments in it and how the flag reaches them.")
public record ReleaseAudience(
        @NonNull @Description("The audience's name.") String name,
        @Description("The LaunchDarkly environment the audience is in.") ReleaseEnvironment environment,
        @Description("How the flag is rolled out, e.g. immediate-rollout or guarded-rollout.") String releaseStrategy,
        @Description("True when the phase needs an approval before the flag reaches this audience.") boolean requireApproval,
        @NonNull @Description("Keys of the segments the audience is limited to; empty for the whole environment.") List<@NonNull String> segments) {
}
