package io.releasegraph.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A LaunchDarkly flag release: one feature flag moving through the phases of a release pipeline. "
        + "Complete its phases with `completeReleasePhase`, whatever kind of pipeline it is on.")
public record FlagRelease(
        @Id @NonNull @Description("Globally unique, opaque ID; `node(id:)` fetches it again.") String id,
        @NonNull @Description("Always LAUNCHDARKLY.") ReleaseSource source,
        @NonNull @Description("The flag's key; LaunchDarkly itself names a release after its pipeline (`pipelineName`).") String name,
        @NonNull @Description("NOT_STARTED, IN_PROGRESS, COMPLETED or CANCELED, from the phases and `canceledAt`.") ReleaseStatus status,
        @Description("When the flag was added to the pipeline.") OffsetDateTime createdAt,
        @Description("When a phase last started or completed, or the release was canceled.") OffsetDateTime updatedAt,
        @NonNull @Description("The LaunchDarkly project the flag belongs to.") String projectKey,
        @NonNull @Description("The feature flag's key.") String flagKey,
        @NonNull @Description("The key of the release pipeline the release follows.") String pipelineKey,
        @Description("The release pipeline's name.") String pipelineName,
        @Description("The release pipeline's description; null when it has none.") String pipelineDescription,
        @Description("LaunchDarkly's ID of the variation the release serves across all its phases; null until one is chosen.") String releaseVariationId,
        @NonNull @Description("The pipeline's phases for this release, in order.") List<@NonNull ReleasePhase> phases,
        @Description("LaunchDarkly's version of the release; every change increases it.") int version,
        @Description("When the release was canceled; null unless it was.") OffsetDateTime canceledAt,
        @Description("When the gateway fetched it, and whether it is a stale copy.") CacheInfo cache)
        implements Release, Cacheable<FlagRelease> {

    /** The first phase not yet complete: where the release stands, started or waiting to start. */
    public Optional<ReleasePhase> currentPhase() {
        return phases.stream().filter(phase -> !phase.complete()).findFirst();
    }

    @Override
    public FlagRelease withCache(CacheInfo cache) {
        return new FlagRelease(id, source, name, status, createdAt, updatedAt, projectKey, flagKey, pipelineKey,
                pipelineName, pipelineDescription, releaseVariationId, phases, version, canceledAt, cache);
    }
}
