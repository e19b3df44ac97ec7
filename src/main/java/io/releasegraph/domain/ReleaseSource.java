package io.releasegraph.domain;

import org.eclipse.microprofile.graphql.Description;

@Description("The upstream system a release comes from.")
public enum ReleaseSource {
    @Description("Trifacta / Alteryx Deployment Manager: releases of a deployment's flow package.")
    TRIFACTA("Trifacta"),
    @Description("Cryptlex: product releases with files, by version and channel.")
    CRYPTLEX("Cryptlex"),
    @Description("LaunchDarkly: a feature flag's release moving through a release pipeline's phases.")
    LAUNCHDARKLY("LaunchDarkly");

    private final String displayName;

    ReleaseSource(String displayName) {
        this.displayName = displayName;
    }

    /** The lower-case name used in global IDs, cache keys, metrics and `extensions.upstream`. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The name messages use. */
    public String displayName() {
        return displayName;
    }
}
