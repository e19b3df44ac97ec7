package io.releasegraph.provider.launchdarkly.dto;

/** {@code AudienceConfiguration}: the parts the gateway shows; notification and guardian settings are ignored. */
public record LdAudienceConfiguration(String releaseStrategy, Boolean requireApproval) {
}
