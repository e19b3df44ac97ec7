package io.releasegraph.domain;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A run of a deployment's active release: a Trifacta job group and its jobs.")
public record JobGroup(
        @Id @NonNull @Description("Globally unique, opaque ID; `node(id:)` fetches it again.") String id,
        @Ignore long externalId,
        @Ignore Long deploymentExternalId,
        @NonNull @Description("Where the run stands; it moves from IN_PROGRESS to COMPLETE or FAILED.") RunStatus status,
        @Description("When the run started.") OffsetDateTime createdAt,
        @Description("When the run last changed.") OffsetDateTime updatedAt,
        @NonNull @Description("The run's jobs.") List<@NonNull Job> jobs,
        @Description("When the gateway fetched it, and whether it is a stale copy.") CacheInfo cache)
        implements Node, Cacheable<JobGroup> {

    @Override
    public JobGroup withCache(CacheInfo cache) {
        return new JobGroup(id, externalId, deploymentExternalId, status, createdAt, updatedAt, jobs, cache);
    }
}
