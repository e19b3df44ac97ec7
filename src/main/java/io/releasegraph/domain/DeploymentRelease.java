package io.releasegraph.domain;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A Trifacta release: one imported flow package of a deployment. At most one per deployment is active.")
public record DeploymentRelease(
        @Id @NonNull String id,
        @Ignore long externalId,
        @Ignore long deploymentExternalId,
        @NonNull ReleaseSource source,
        @NonNull String name,
        @NonNull ReleaseStatus status,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        @Description("Free-text notes; Trifacta fills them with the flow's name on import.") String notes,
        @Description("Identifies the imported flow package.") String packageUuid,
        @Description("True when this is the deployment's active release, the one a run executes.") boolean active,
        CacheInfo cache) implements Release, Cacheable<DeploymentRelease> {

    @Override
    public DeploymentRelease withCache(CacheInfo cache) {
        return new DeploymentRelease(id, externalId, deploymentExternalId, source, name, status, createdAt, updatedAt,
                notes, packageUuid, active, cache);
    }
}
