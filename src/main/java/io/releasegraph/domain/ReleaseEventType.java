package io.releasegraph.domain;

import org.eclipse.microprofile.graphql.Description;

@Description("What happened to a release.")
public enum ReleaseEventType {
    @Description("Its fields changed (Cryptlex: an edit, through the gateway or elsewhere).")
    RELEASE_UPDATED,
    @Description("Cryptlex: it was published and is read-only from now on.")
    RELEASE_PUBLISHED,
    @Description("Trifacta: it became its deployment's active release.")
    RELEASE_ACTIVATED,
    @Description("Trifacta: it stopped being its deployment's active release.")
    RELEASE_DEACTIVATED,
    @Description("Trifacta: it was imported from a flow package.")
    RELEASE_IMPORTED,
    @Description("Trifacta: a run of its deployment started with it as the active release.")
    DEPLOYMENT_RUN_STARTED,
    @Description("LaunchDarkly: one of its phases changed.")
    PHASE_UPDATED
}
