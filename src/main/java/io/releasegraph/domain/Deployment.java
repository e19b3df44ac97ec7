package io.releasegraph.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A Trifacta deployment: a container of releases, of which at most one is active and runs.")
public record Deployment(
        @Id @NonNull @Description("Globally unique, opaque ID; `node(id:)` fetches it again.") String id,
        @Ignore long externalId,
        @NonNull @Description("The deployment's name.") String name,
        @Description("When Trifacta created it.") OffsetDateTime createdAt,
        @Description("When Trifacta last changed it.") OffsetDateTime updatedAt,
        @Description("How many releases the deployment holds.") int releaseCount,
        @Ignore List<DeploymentRelease> allReleases,
        @Description("When the gateway fetched it, and whether it is a stale copy.") CacheInfo cache)
        implements Node, Cacheable<Deployment> {

    public Optional<DeploymentRelease> activeRelease() {
        return allReleases.stream().filter(DeploymentRelease::active).findFirst();
    }

    @Override
    public Deployment withCache(CacheInfo cache) {
        return new Deployment(id, externalId, name, createdAt, updatedAt, releaseCount,
                allReleases.stream().map(release -> release.withCache(cache)).toList(), cache);
    }
}
