package io.releasegraph.domain;

import org.eclipse.microprofile.graphql.Description;

@Description("LaunchDarkly's release guardian settings for a guarded rollout: how long and on whom regressions are measured.")
public record ReleaseGuardianConfiguration(
        @Description("How long each rollout step is monitored, in milliseconds.") Long monitoringWindowMilliseconds,
        @Description("The rollout weight, in percent.") Integer rolloutWeight,
        @Description("True when LaunchDarkly rolls the flag back on a regression.") Boolean rollbackOnRegression,
        @Description("The context kind the rollout is randomised by, e.g. user.") String randomizationUnit) {
}
