package io.releasegraph.domain;

import org.eclipse.microprofile.graphql.Description;

@Description("Who completed a release phase: a member, or an access token acting for one; LaunchDarkly may report both or either.")
public record ReleasePhaseCompleter(
        @Description("The member who completed the phase; null when LaunchDarkly does not say.") LaunchDarklyMember member,
        @Description("The access token that completed the phase; null when no token did.") LaunchDarklyAccessToken token) {
}
