package io.releasegraph.provider.launchdarkly.dto;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code TokenSummary}: which access token acted; its {@code ending} (part of the secret) is deliberately not read. */
public record LdTokenSummary(@JsonProperty("_id") String id, String name, Boolean serviceToken) {
}
