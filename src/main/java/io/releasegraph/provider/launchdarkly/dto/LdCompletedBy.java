package io.releasegraph.provider.launchdarkly.dto;

/** {@code CompletedBy}: the member or the access token that completed a phase. */
public record LdCompletedBy(LdMemberSummary member, LdTokenSummary token) {
}
