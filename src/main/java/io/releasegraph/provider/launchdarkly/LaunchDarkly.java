package io.releasegraph.provider.launchdarkly;

import java.util.List;
import java.util.Optional;

import io.releasegraph.domain.FlagRelease;
import io.releasegraph.domain.ReleasePipeline;
import io.releasegraph.domain.ReleasePipelineProgress;
import io.releasegraph.provider.ReleaseProvider;
import io.smallrye.mutiny.Uni;

/**
 * What the gateway asks of LaunchDarkly. Every call goes to LaunchDarkly; {@code FlagReleaseService} keeps what it
 * reads in the cache. A 404 is an empty {@link Optional}, never an error.
 */
public interface LaunchDarkly extends ReleaseProvider {

    /** The projects whose releases are listed ({@code gateway.launchdarkly.projects}). */
    List<String> projects();

    /** The flag's current release; empty when the flag has none. */
    Uni<Optional<FlagRelease>> fetchFlagRelease(String projectKey, String flagKey);

    /** The project's release pipelines, every page. */
    Uni<List<ReleasePipeline>> fetchPipelines(String projectKey);

    /** One release pipeline; empty when the project has no such pipeline. */
    Uni<Optional<ReleasePipeline>> fetchPipeline(String projectKey, String pipelineKey);

    /** How the pipeline's releases stand, and which flags they are. */
    Uni<ReleasePipelineProgress> fetchProgress(String projectKey, String pipelineKey);

    /** JSON Patch {@code replace /phases/<index>/complete}: the only change a legacy pipeline's release takes. */
    Uni<FlagRelease> markPhaseComplete(String projectKey, String flagKey, int index, boolean complete);

    /** Phase-status call of a new pipeline with {@code active}: starts the phase once the earlier ones are complete. */
    Uni<FlagRelease> startPhase(String projectKey, String flagKey, String phaseId);

    /** Phase-status call of a new pipeline with {@code completed}: completes a started phase. */
    Uni<FlagRelease> completeStartedPhase(String projectKey, String flagKey, String phaseId);
}
