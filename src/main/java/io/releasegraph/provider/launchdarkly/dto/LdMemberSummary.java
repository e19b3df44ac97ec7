package io.releasegraph.provider.launchdarkly.dto;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code MemberSummary}, without {@code _links}. */
public record LdMemberSummary(@JsonProperty("_id") String id, String role, String email, String firstName,
        String lastName) {
}
