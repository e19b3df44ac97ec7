package io.releasegraph.provider.launchdarkly.dto;

/** {@code ReleaseGuardianConfiguration}: how a guarded rollout is measured. */
public record LdReleaseGuardianConfiguration(Long monitoringWindowMilliseconds, Integer rolloutWeight,
        Boolean rollbackOnRegression, String randomizationUnit) {
}
