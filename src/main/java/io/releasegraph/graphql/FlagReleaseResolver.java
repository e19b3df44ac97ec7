package io.releasegraph.graphql;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.releasegraph.domain.CompleteReleasePhasePayload;
import io.releasegraph.domain.FlagRelease;
import io.releasegraph.domain.ReleasePhase;
import io.releasegraph.domain.ReleasePipeline;
import io.releasegraph.error.ValidationException;
import io.releasegraph.security.Authorized;
import io.releasegraph.service.FlagReleaseService.PhaseRef;
import io.releasegraph.service.FlagReleaseService;
import io.smallrye.mutiny.Uni;

/** LaunchDarkly flag releases: the query, their fields, and completing a phase. */
@GraphQLApi
@Authorized
public class FlagReleaseResolver {

    private static final int MAX_PHASE_ID = 256;

    private final FlagReleaseService flagReleases;

    FlagReleaseResolver(FlagReleaseService flagReleases) {
        this.flagReleases = flagReleases;
    }

    @Query
    @Description("A LaunchDarkly flag's current release; NOT_FOUND when the flag has none.")
    public Uni<FlagRelease> flagRelease(
            @NonNull @Description("The LaunchDarkly project's key.") String projectKey,
            @NonNull @Description("The feature flag's key.") String flagKey) {
        return Uni.createFrom().deferred(() -> flagReleases.flagRelease(Keys.launchDarkly(projectKey, "projectKey"),
                Keys.launchDarkly(flagKey, "flagKey")));
    }

    @Description("The phase the release stands in: the first one not complete; null when every phase is.")
    public Uni<ReleasePhase> currentPhase(@Source FlagRelease release) {
        return Uni.createFrom().item(release.currentPhase().orElse(null));
    }

    /** Batched: a page of releases shares one pipeline list per project (no N+1). */
    @Description("The release pipeline the release follows.")
    public Uni<List<ReleasePipeline>> pipeline(@Source List<FlagRelease> releases) {
        return flagReleases.pipelinesOf(releases);
    }

    @Mutation
    @NonNull
    @Description("Marks a phase of a flag release complete (or, with `complete: false`, incomplete again), on a legacy "
            + "or a new release pipeline alike; the gateway starts the phase first when it must. Name the phase by "
            + "exactly one of `phaseIndex` and `phaseId`. VALIDATION for an unknown phase, NOT_FOUND when the flag "
            + "has no release, CONFLICT when an earlier phase is not complete yet.")
    public Uni<CompleteReleasePhasePayload> completeReleasePhase(
            @NonNull @Description("The LaunchDarkly project's key.") String projectKey,
            @NonNull @Description("The feature flag's key.") String flagKey,
            @Description("The phase's position in the release, from 0.") Integer phaseIndex,
            @Id @Description("The phase's `phaseId`.") String phaseId,
            @DefaultValue("true") @Description("True to complete the phase, false to mark it incomplete again.") boolean complete) {
        return Uni.createFrom().deferred(() -> flagReleases.completePhase(Keys.launchDarkly(projectKey, "projectKey"),
                Keys.launchDarkly(flagKey, "flagKey"), phase(phaseIndex, phaseId), complete));
    }

    private static PhaseRef phase(Integer phaseIndex, String phaseId) {
        if ((phaseIndex == null) == (phaseId == null)) {
            // neither: the field to fill in first; both: the one to drop
            throw new ValidationException(phaseIndex == null ? "phaseIndex" : "phaseId",
                    "Name the phase with exactly one of `phaseIndex` and `phaseId`.");
        }
        if (phaseId != null && (phaseId.isBlank() || phaseId.length() > MAX_PHASE_ID)) {
            throw new ValidationException("phaseId", "`phaseId` must be 1 to " + MAX_PHASE_ID + " characters.");
        }
        return phaseIndex != null ? new PhaseRef.ByIndex(phaseIndex) : new PhaseRef.ById(phaseId);
    }
}
