package io.releasegraph.provider.launchdarkly.dto;

import java.util.List;

/** {@code AudienceConfiguration}: strategy, approval, who is notified, and the release guardian settings. */
public record LdAudienceConfiguration(String releaseStrategy, Boolean requireApproval, List<String> notifyMemberIds,
        List<String> notifyTeamKeys, LdReleaseGuardianConfiguration releaseGuardianConfiguration) {
}
