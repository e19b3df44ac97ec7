package io.releasegraph.domain;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("What `activateRelease` or `deactivateRelease` changed.")
public record ReleaseActivationPayload(
        @Description("The deployment's active release now; null when it has none.") DeploymentRelease activeRelease,
        @Description("The release that stopped being active, if one did.") DeploymentRelease deactivatedRelease,
        @NonNull @Description("The deployment, read again after the change.") Deployment deployment) {
}
