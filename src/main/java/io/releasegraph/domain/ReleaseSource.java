package io.releasegraph.domain;

import org.eclipse.microprofile.graphql.Description;

@Description("The upstream system a release comes from.")
public enum ReleaseSource {
    @Description("Trifacta / Alteryx Deployment Manager: releases of a deployment's flow package.")
    TRIFACTA,
    @Description("Cryptlex: product releases with files, by version and channel.")
    CRYPTLEX,
    @Description("LaunchDarkly: a feature flag's release moving through a release pipeline's phases.")
    LAUNCHDARKLY;

    /** The lower-case name used in global IDs, cache keys, metrics and `extensions.upstream`. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
