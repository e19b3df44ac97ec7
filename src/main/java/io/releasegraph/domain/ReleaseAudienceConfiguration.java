package io.releasegraph.domain;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("How a flag reaches a release audience, as LaunchDarkly configures it; fields LaunchDarkly leaves out are null.")
public record ReleaseAudienceConfiguration(
        @Description("How the flag is rolled out, e.g. immediate-rollout or guarded-rollout.") String releaseStrategy,
        @Description("True when the audience needs an approval before the flag reaches it.") Boolean requireApproval,
        @Description("IDs of the LaunchDarkly members notified to review the approval request.") List<@NonNull String> notifyMemberIds,
        @Description("Keys of the LaunchDarkly teams whose members are notified to review the approval request.") List<@NonNull String> notifyTeamKeys,
        @Description("The release guardian settings; null unless the strategy is a guarded rollout.") ReleaseGuardianConfiguration releaseGuardian) {
}
