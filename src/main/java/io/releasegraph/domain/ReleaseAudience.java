package io.releasegraph.domain;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("An audience of a release phase: an environment, the segments in it and how the flag reaches them.")
public record ReleaseAudience(
        @Description("LaunchDarkly's ID of the release audience; null for a pipeline's audience, which has none.") String audienceId,
        @NonNull @Description("The audience's name.") String name,
        @Description("The LaunchDarkly environment the audience is in.") ReleaseEnvironment environment,
        @Description("How the flag is rolled out, e.g. immediate-rollout or guarded-rollout.") String releaseStrategy,
        @Description("True when the phase needs an approval before the flag reaches this audience.") boolean requireApproval,
        @NonNull @Description("Keys of the segments the audience is limited to; empty for the whole environment.") List<@NonNull String> segments,
        @Description("How the flag reaches the audience: strategy, approval, who is notified, release guardian settings; null when LaunchDarkly sends none.") ReleaseAudienceConfiguration configuration,
        @Description("The audience's status exactly as LaunchDarkly reports it (not a published enum); null when it does not say.") String upstreamStatus,
        @Description("IDs of the flag targeting rules LaunchDarkly created for the audience; null when it does not say.") List<@NonNull String> ruleIds) {
}
