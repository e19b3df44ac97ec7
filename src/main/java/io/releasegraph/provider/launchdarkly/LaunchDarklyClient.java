package io.releasegraph.provider.launchdarkly;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.releasegraph.config.GatewayConfig;
import io.releasegraph.domain.FlagRelease;
import io.releasegraph.domain.GlobalId;
import io.releasegraph.domain.ProjectScopedKey;
import io.releasegraph.domain.Release;
import io.releasegraph.domain.ReleasePipeline;
import io.releasegraph.domain.ReleasePipelineProgress;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.error.NotFoundException;
import io.releasegraph.provider.Paging;
import io.releasegraph.provider.RateLimitRetry;
import io.releasegraph.provider.OperationGuards;
import io.releasegraph.provider.UpstreamClient;
import io.releasegraph.provider.UpstreamGuards;
import io.releasegraph.provider.launchdarkly.dto.LdPatchOperation;
import io.releasegraph.provider.launchdarkly.dto.LdReleaseProgression;
import io.releasegraph.provider.launchdarkly.dto.LdReleaseProgressionCollection;
import io.releasegraph.provider.launchdarkly.dto.LdUpdatePhaseStatusInput;
import io.smallrye.mutiny.Uni;

/**
 * The gateway's only way to LaunchDarkly's release APIs: walks pages, waits out short 429s, maps wire records to
 * schema records and failures to the error contract. A 404 becomes an empty {@link Optional}, never an error.
 * Every method calls LaunchDarkly; {@code FlagReleaseService} reads through the cache.
 *
 * <p>Each operation has its guard from {@link UpstreamGuards} (breaker {@code launchdarkly-<method>}): reads are
 * retried, writes are not (a 429 aside).
 */
@ApplicationScoped
@UpstreamClient
public class LaunchDarklyClient implements LaunchDarkly {

    private final LaunchDarklyRestClient rest;
    private final RateLimitRetry limits;
    private final OperationGuards guards;
    private final List<String> projects;
    private final int pageSize;

    LaunchDarklyClient(@RestClient LaunchDarklyRestClient rest, GatewayConfig config, UpstreamGuards guards) {
        GatewayConfig.LaunchDarkly launchDarkly = config.launchdarkly();
        this.rest = rest;
        this.limits = new RateLimitRetry(ReleaseSource.LAUNCHDARKLY, launchDarkly.rateLimit().maxWait(),
                launchDarkly.rateLimit().maxRetries());
        this.projects = launchDarkly.projects().stream().map(String::trim).filter(p -> !p.isEmpty()).distinct()
                .toList();
        this.pageSize = launchDarkly.pageSize();
        this.guards = guards.of(ReleaseSource.LAUNCHDARKLY,
                List.of("fetchFlagRelease", "fetchPipelines", "fetchPipeline", "fetchProgress"),
                List.of("markPhaseComplete", "startPhase", "completeStartedPhase"));
    }

    @Override
    public ReleaseSource source() {
        return ReleaseSource.LAUNCHDARKLY;
    }

    @Override
    public List<String> projects() {
        return projects;
    }

    /** Every release in the configured projects, each read straight from LaunchDarkly (see {@link LaunchDarklyListing}). */
    @Override
    public Uni<List<Release>> listReleases() {
        return LaunchDarklyListing.releases(projects,
                new LaunchDarklyListing.Reads(this::fetchPipelines, this::fetchProgress, this::fetchFlagRelease));
    }

    /** LaunchDarkly's IDs are {@code projectKey/key}, each a LaunchDarkly key ({@link ProjectScopedKey}). */
    @Override
    public boolean accepts(GlobalId id) {
        return ProjectScopedKey.parse(id.externalId()).isPresent();
    }

    @Override
    public Uni<Optional<Release>> findRelease(GlobalId id) {
        if (!LaunchDarklyMapper.FLAG_RELEASE.equals(id.type())) {
            return Uni.createFrom().item(Optional.empty());
        }
        return ProjectScopedKey.parse(id.externalId())
                .map(key -> fetchFlagRelease(key.projectKey(), key.key()).map(found -> found.map(Release.class::cast)))
                .orElseGet(() -> Uni.createFrom().item(Optional.empty()));
    }

    @Override
    public Uni<Optional<FlagRelease>> fetchFlagRelease(String projectKey, String flagKey) {
        return guards.call("fetchFlagRelease", () -> optional(() -> rest.getRelease(projectKey, flagKey)
                .map(release -> LaunchDarklyMapper.release(projectKey, flagKey, release))));
    }

    @Override
    public Uni<List<ReleasePipeline>> fetchPipelines(String projectKey) {
        return guards.call("fetchPipelines", () -> Paging.collectToTotal(page -> limits.call(
                () -> rest.listPipelines(projectKey, pageSize, page * pageSize))
                .map(answer -> new Paging.Counted<>(answer.items(), answer.totalCount())))
                .map(all -> all.stream().map(pipeline -> LaunchDarklyMapper.pipeline(projectKey, pipeline)).toList()));
    }

    @Override
    public Uni<Optional<ReleasePipeline>> fetchPipeline(String projectKey, String pipelineKey) {
        return guards.call("fetchPipeline", () -> optional(() -> rest.getPipeline(projectKey, pipelineKey)
                .map(pipeline -> LaunchDarklyMapper.pipeline(projectKey, pipeline))));
    }

    @Override
    public Uni<ReleasePipelineProgress> fetchProgress(String projectKey, String pipelineKey) {
        return guards.call("fetchProgress", () -> {
            // The counts are the same on every page; the items are what the pages split. One holder per attempt.
            AtomicReference<LdReleaseProgressionCollection> counts = new AtomicReference<>();
            return Paging.<LdReleaseProgression> collectToTotal(page -> limits.call(
                    () -> rest.listProgressions(projectKey, pipelineKey, pageSize, page * pageSize))
                    .invoke(answer -> counts.compareAndSet(null, answer))
                    .map(answer -> new Paging.Counted<>(answer.items(), answer.totalCount())))
                    .map(all -> LaunchDarklyMapper.progress(counts.get(), all));
        });
    }

    @Override
    public Uni<FlagRelease> markPhaseComplete(String projectKey, String flagKey, int index, boolean complete) {
        return guards.call("markPhaseComplete", () -> limits.call(() -> rest.patchRelease(projectKey, flagKey,
                List.of(LdPatchOperation.phaseComplete(index, complete))))
                .map(release -> LaunchDarklyMapper.release(projectKey, flagKey, release)));
    }

    @Override
    public Uni<FlagRelease> startPhase(String projectKey, String flagKey, String phaseId) {
        return guards.call("startPhase",
                () -> setPhaseStatus(projectKey, flagKey, phaseId, LdUpdatePhaseStatusInput.ACTIVE));
    }

    @Override
    public Uni<FlagRelease> completeStartedPhase(String projectKey, String flagKey, String phaseId) {
        return guards.call("completeStartedPhase",
                () -> setPhaseStatus(projectKey, flagKey, phaseId, LdUpdatePhaseStatusInput.COMPLETED));
    }

    private Uni<FlagRelease> setPhaseStatus(String projectKey, String flagKey, String phaseId, String status) {
        return limits.call(() -> rest.updatePhaseStatus(projectKey, flagKey, phaseId,
                new LdUpdatePhaseStatusInput(status)))
                .map(release -> LaunchDarklyMapper.release(projectKey, flagKey, release));
    }

    private <T> Uni<Optional<T>> optional(Supplier<Uni<? extends T>> call) {
        return limits.<T> call(call).map(Optional::of)
                .onFailure(NotFoundException.class).recoverWithItem(Optional.empty());
    }
}
