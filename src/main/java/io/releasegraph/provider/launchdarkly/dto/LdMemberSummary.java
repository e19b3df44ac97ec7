package io.releasegraph.provider.launchdarkly.dto;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code MemberSummary}, without {@code _links} and {@code role}. */
public record LdMemberSummary(@JsonProperty("_id") String id, String email, String firstName, String lastName) {
}
