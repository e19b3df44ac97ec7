package io.releasegraph.domain;

import org.eclipse.microprofile.graphql.Description;

@Description("A LaunchDarkly account member, as LaunchDarkly summarises one.")
public record LaunchDarklyMember(
        @Description("LaunchDarkly's member ID (not a global ID).") String memberId,
        @Description("The member's email address.") String email,
        @Description("The member's first name.") String firstName,
        @Description("The member's last name.") String lastName,
        @Description("The member's base role, e.g. admin.") String role) {
}
