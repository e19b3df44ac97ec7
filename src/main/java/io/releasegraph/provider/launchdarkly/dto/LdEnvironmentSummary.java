package io.releasegraph.provider.launchdarkly.dto;

/** {@code EnvironmentSummary}: the parts the gateway shows; {@code _links} is ignored. */
public record LdEnvironmentSummary(String key, String name, String color) {
}
