package io.releasegraph.domain;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * A phase of one flag release. It has {@code phaseId} rather than {@code id}: LaunchDarkly gives a release phase its
 * pipeline phase's id, so every release on a pipeline shares them, and a client cache normalising on {@code id}
 * would merge the phases of different releases.
 */
@Description("One phase of a flag release: a group of audiences (environments) the flag is released to together.")
public record ReleasePhase(
        @Id @NonNull @Description("LaunchDarkly's phase ID, the same for every release on the pipeline; pass it as `phaseId` to `completeReleasePhase`.") String phaseId,
        @Description("The phase's position in the release, from 0; pass it as `phaseIndex` to `completeReleasePhase`.") int index,
        @NonNull @Description("The phase's name.") String name,
        @Description("True when the phase is complete.") boolean complete,
        @Description("True once the phase has started (a complete phase has always started).") boolean started,
        @NonNull @Description("NOT_STARTED, ACTIVE or COMPLETED.") ReleasePhaseStatus status,
        @Description("The phase's status exactly as LaunchDarkly reports it (not a published enum, so `status` is derived from `complete` and `started`); null when it does not say.") String upstreamStatus,
        @Description("When the phase was created, with the release.") OffsetDateTime createdAt,
        @Description("When the phase started.") OffsetDateTime startedAt,
        @Description("When the phase was completed.") OffsetDateTime completedAt,
        @Description("Who completed the phase: the member's email, or the access token's name when a token did.") String completedBy,
        @Description("Who completed the phase, as LaunchDarkly reports it: the member and/or the access token; null until completed.") ReleasePhaseCompleter completer,
        @NonNull @Description("Who the flag is released to in this phase.") List<@NonNull ReleaseAudience> audiences) {
}
