package io.releasegraph.domain;

import org.eclipse.microprofile.graphql.Description;

@Description("A LaunchDarkly access token that acted; never the secret, nor its last characters.")
public record LaunchDarklyAccessToken(
        @Description("LaunchDarkly's token ID (not a global ID).") String tokenId,
        @Description("The token's name, e.g. DevOps token.") String name,
        @Description("True for a service token, false for a personal one.") Boolean serviceToken) {
}
