package io.releasegraph.domain;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A Trifacta release: one imported flow package of a deployment. At most one per deployment is active.")
public record DeploymentRelease(
        @Id @NonNull @Description("Globally unique, opaque ID; `node(id:)` fetches it again.") String id,
        @Ignore long externalId,
        @Ignore long deploymentExternalId,
        @NonNull @Description("Always TRIFACTA.") ReleaseSource source,
        @NonNull @Description("The release's notes, or \"Release <number>\" when it has none.") String name,
        @NonNull @Description("ACTIVE or INACTIVE.") ReleaseStatus status,
        @Description("When Trifacta created it (the import).") OffsetDateTime createdAt,
        @Description("When Trifacta last changed it.") OffsetDateTime updatedAt,
        @Description("Free-text notes; Trifacta fills them with the flow's name on import.") String notes,
        @Description("Identifies the imported flow package.") String packageUuid,
        @Description("True when this is the deployment's active release, the one a run executes.") boolean active,
        @Description("The Trifacta user ID of who created (imported) it; null when Trifacta does not say.") Long createdByUserId,
        @Description("The Trifacta user ID of who last changed it; null when Trifacta does not say.") Long updatedByUserId,
        @Description("When the gateway fetched it, and whether it is a stale copy.") CacheInfo cache) implements Release, Cacheable<DeploymentRelease> {

    @Override
    public DeploymentRelease withCache(CacheInfo cache) {
        return new DeploymentRelease(id, externalId, deploymentExternalId, source, name, status, createdAt, updatedAt,
                notes, packageUuid, active, createdByUserId, updatedByUserId, cache);
    }
}
