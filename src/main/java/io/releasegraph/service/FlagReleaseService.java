package io.releasegraph.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.releasegraph.cache.CacheKey;
import io.releasegraph.cache.CacheTypes;
import io.releasegraph.cache.UpstreamCache;
import io.releasegraph.domain.CompleteReleasePhasePayload;
import io.releasegraph.domain.FlagRelease;
import io.releasegraph.domain.GlobalId;
import io.releasegraph.domain.Node;
import io.releasegraph.domain.ProjectScopedKey;
import io.releasegraph.domain.Release;
import io.releasegraph.domain.ReleaseEvent;
import io.releasegraph.domain.ReleaseEventType;
import io.releasegraph.domain.ReleasePhase;
import io.releasegraph.domain.ReleasePipeline;
import io.releasegraph.domain.ReleasePipelineProgress;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.error.ConflictException;
import io.releasegraph.error.NotFoundException;
import io.releasegraph.error.ValidationException;
import io.releasegraph.provider.launchdarkly.LaunchDarkly;
import io.releasegraph.provider.launchdarkly.LaunchDarklyListing;
import io.smallrye.mutiny.Uni;

/**
 * LaunchDarkly flag releases and release pipelines: reads through the cache, and completing a phase on either kind of
 * pipeline. It also lists every release for {@code releases}: LaunchDarkly lists them one flag at a time, and those
 * per-flag, per-pipeline reads are the very cache entries {@code flagRelease}, {@code releasePipelines} and
 * {@code completeReleasePhase} read and evict, so one query shares in-flight calls between its parts and a phase
 * change reaches the listing.
 */
@ApplicationScoped
public class FlagReleaseService implements SourceReads {

    private static final String UPSTREAM = ReleaseSource.LAUNCHDARKLY.key();
    static final String FLAG_RELEASE = "FlagRelease";
    static final String RELEASE_PIPELINE = "ReleasePipeline";

    private final LaunchDarkly launchDarkly;
    private final UpstreamCache cache;
    private final ReleaseEventBus events;
    /** Each pipeline's kind as LaunchDarkly's answers showed it; pipelines do not change kind. */
    private final Map<ProjectScopedKey, Boolean> pipelineKinds = new ConcurrentHashMap<>();
    private final Set<String> loggedFallbacks = ConcurrentHashMap.newKeySet();

    FlagReleaseService(LaunchDarkly launchDarkly, UpstreamCache cache, ReleaseEventBus events) {
        this.launchDarkly = launchDarkly;
        this.cache = cache;
        this.events = events;
    }

    /** The cache entry of a flag's release ({@code Optional<FlagRelease>}). */
    static CacheKey releaseKey(String projectKey, String flagKey) {
        return CacheKey.of(ReleaseSource.LAUNCHDARKLY, "flagRelease", new ProjectScopedKey(projectKey, flagKey).externalId());
    }

    /** The cache entry of a project's release pipelines ({@code List<ReleasePipeline>}). */
    static CacheKey pipelinesKey(String projectKey) {
        return CacheKey.of(ReleaseSource.LAUNCHDARKLY, "releasePipelines", projectKey);
    }

    /** The cache entry of one release pipeline ({@code Optional<ReleasePipeline>}). */
    static CacheKey pipelineKey(String projectKey, String pipelineKey) {
        return CacheKey.of(ReleaseSource.LAUNCHDARKLY, "releasePipeline",
                new ProjectScopedKey(projectKey, pipelineKey).externalId());
    }

    /** The cache entry of a pipeline's release progress, which names the flags on it. */
    static CacheKey progressKey(String projectKey, String pipelineKey) {
        return CacheKey.of(ReleaseSource.LAUNCHDARKLY, "pipelineProgress",
                new ProjectScopedKey(projectKey, pipelineKey).externalId());
    }

    @Override
    public String source() {
        return UPSTREAM;
    }

    /**
     * Every release in the configured projects, made of the per-flag cache entries each time, not kept as a list of its
     * own: a list entry would stamp its own {@code fetchedAt} on copies of those entries (fresh, even over stale copies
     * served while LaunchDarkly is down), so {@code releases} and {@code flagRelease} would disagree in one answer.
     */
    @Override
    public Optional<Uni<List<Release>>> releases() {
        return Optional.of(LaunchDarklyListing.releases(launchDarkly.projects(),
                new LaunchDarklyListing.Reads(this::pipelines, this::progress, this::findFlagRelease)));
    }

    @Override
    public Optional<Uni<Release>> release(GlobalId id) {
        if (!FLAG_RELEASE.equals(id.type())) {
            return Optional.empty();
        }
        return ProjectScopedKey.parse(id.externalId()).map(key -> findFlagRelease(key.projectKey(), key.key())
                .map(found -> found.<Release> map(Release.class::cast).orElseThrow(() -> ReleaseService.notFound(id))));
    }

    @Override
    public Optional<Uni<Node>> node(GlobalId id) {
        if (!RELEASE_PIPELINE.equals(id.type())) {
            return SourceReads.super.node(id);
        }
        ProjectScopedKey key = ProjectScopedKey.parse(id.externalId()).orElseThrow(SourceReads::malformed);
        return Optional.of(pipeline(key).map(Node.class::cast));
    }

    /** The flag's current release, read through the cache; empty when the flag has none. */
    private Uni<Optional<FlagRelease>> findFlagRelease(String projectKey, String flagKey) {
        return cache.get(releaseKey(projectKey, flagKey), CacheTypes.optionalOf(FlagRelease.class),
                () -> launchDarkly.fetchFlagRelease(projectKey, flagKey));
    }

    private Uni<Optional<ReleasePipeline>> findPipeline(String projectKey, String pipelineKey) {
        return cache.get(pipelineKey(projectKey, pipelineKey), CacheTypes.optionalOf(ReleasePipeline.class),
                () -> launchDarkly.fetchPipeline(projectKey, pipelineKey));
    }

    private Uni<ReleasePipelineProgress> progress(String projectKey, String pipelineKey) {
        return cache.get(progressKey(projectKey, pipelineKey), CacheTypes.of(ReleasePipelineProgress.class),
                () -> launchDarkly.fetchProgress(projectKey, pipelineKey));
    }

    /** Which phase a caller means: its position or LaunchDarkly's phase ID. */
    public sealed interface PhaseRef {
        record ByIndex(int index) implements PhaseRef {
        }

        record ById(String phaseId) implements PhaseRef {
        }
    }

    public Uni<FlagRelease> flagRelease(String projectKey, String flagKey) {
        return findFlagRelease(projectKey, flagKey)
                .map(found -> found.orElseThrow(() -> noRelease(projectKey, flagKey)));
    }

    /** The project's release pipelines, read through the cache. */
    public Uni<List<ReleasePipeline>> pipelines(String projectKey) {
        return cache.get(pipelinesKey(projectKey), CacheTypes.listOf(ReleasePipeline.class),
                () -> launchDarkly.fetchPipelines(projectKey));
    }

    public Uni<ReleasePipeline> pipeline(ProjectScopedKey key) {
        return findPipeline(key.projectKey(), key.key()).map(found -> found.orElseThrow(
                () -> new NotFoundException("LaunchDarkly project " + key.projectKey() + " has no release pipeline "
                        + key.key() + ".", UPSTREAM, 404, null)));
    }

    /**
     * The pipeline of each release, in the order of the input, null where LaunchDarkly has none (batched field).
     * One pipeline list per distinct project serves every release of a page.
     */
    public Uni<List<ReleasePipeline>> pipelinesOf(List<FlagRelease> releases) {
        List<String> projects = releases.stream().map(FlagRelease::projectKey).distinct().toList();
        if (projects.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(projects.stream().map(this::pipelines).toList()).andFailFast()
                .map(lists -> {
                    Map<ProjectScopedKey, ReleasePipeline> byKey = lists.stream().flatMap(List::stream)
                            .collect(Collectors.toMap(p -> new ProjectScopedKey(p.projectKey(), p.key()),
                                    Function.identity(), (first, second) -> first));
                    return releases.stream()
                            .map(release -> byKey.get(new ProjectScopedKey(release.projectKey(), release.pipelineKey())))
                            .toList();
                });
    }

    /** The progress of each pipeline, in the order of the input (batched field): one read per distinct pipeline. */
    public Uni<List<ReleasePipelineProgress>> progressOf(List<ReleasePipeline> pipelines) {
        List<ProjectScopedKey> keys = pipelines.stream().map(p -> new ProjectScopedKey(p.projectKey(), p.key()))
                .distinct().toList();
        if (keys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(keys.stream().map(key -> progress(key.projectKey(), key.key())).toList())
                .andFailFast()
                .map(progress -> {
                    Map<ProjectScopedKey, ReleasePipelineProgress> byKey = new HashMap<>();
                    for (int i = 0; i < keys.size(); i++) {
                        byKey.put(keys.get(i), progress.get(i));
                    }
                    return pipelines.stream().map(p -> byKey.get(new ProjectScopedKey(p.projectKey(), p.key())))
                            .toList();
                });
    }

    /**
     * Marks a phase complete (or incomplete again) the way the release's pipeline needs: JSON Patch (seed 004) for a
     * legacy pipeline, the phase-status call for a new one, which cannot complete a phase that has not started, so the
     * gateway starts it first. The release is read fresh, not from the cache: a stale copy could pick the wrong
     * call or skip a needed one. Phases go in order, so completing one before the earlier ones is a CONFLICT.
     *
     * <p>{@code _isLegacy} is optional, and seed 004's own release example comes without it. When the pipeline does
     * not say, the documented JSON Patch goes first; LaunchDarkly refusing it (400) is taken as its answer that the
     * release is not legacy, and the phase-status call follows, and the reverse for a pipeline that says it is new.
     * No vendor document shows the exact body of that refusal, so any 400 to the checked request counts. The answer
     * is remembered per pipeline, so each fallback is made and logged once.
     */
    public Uni<CompleteReleasePhasePayload> completePhase(String projectKey, String flagKey, PhaseRef ref,
            boolean complete) {
        return launchDarkly.fetchFlagRelease(projectKey, flagKey).chain(found -> {
            FlagRelease release = found.orElseThrow(() -> noRelease(projectKey, flagKey));
            int index = indexOf(release, ref);
            ReleasePhase phase = release.phases().get(index);
            if (phase.complete() == complete) {
                return Uni.createFrom().item(new CompleteReleasePhasePayload(release, phase, false));
            }
            requireInOrder(release, index, complete);
            return findPipeline(projectKey, release.pipelineKey()).chain(pipeline -> {
                ProjectScopedKey pipelineKey = new ProjectScopedKey(projectKey, release.pipelineKey());
                Boolean legacy = pipelineKinds.getOrDefault(pipelineKey,
                        pipeline.map(ReleasePipeline::declaredLegacy).orElse(null));
                Supplier<Uni<FlagRelease>> patch = () -> launchDarkly.markPhaseComplete(projectKey, flagKey, index,
                        complete);
                Supplier<Uni<FlagRelease>> phaseStatus = () -> completeOnNewPipeline(projectKey, flagKey, phase,
                        complete);
                Uni<FlagRelease> write = Boolean.FALSE.equals(legacy)
                        ? withFallback(pipelineKey, false, phaseStatus, patch)
                        : withFallback(pipelineKey, true, patch, phaseStatus);
                // Evict even after a failure: the start of a new pipeline's phase may have gone through.
                return write.eventually(() -> evictAfterChange(projectKey, flagKey, release.pipelineKey()))
                        .invoke(updated -> events.publish(ReleaseEvent.byGateway(ReleaseEventType.PHASE_UPDATED, updated)))
                        .map(updated -> new CompleteReleasePhasePayload(updated, updated.phases().get(index), true));
            });
        });
    }

    /**
     * The call for the kind the gateway takes the pipeline to be ({@code legacy}); on LaunchDarkly's 400 to it, the
     * other kind's call, once. When that fails as well, the first refusal is what the caller hears.
     */
    private Uni<FlagRelease> withFallback(ProjectScopedKey pipeline, boolean legacy, Supplier<Uni<FlagRelease>> first,
            Supplier<Uni<FlagRelease>> other) {
        return Uni.createFrom().deferred(first::get)
                .invoke(() -> pipelineKinds.put(pipeline, legacy))
                .onFailure(FlagReleaseService::refusedAsWrongKind).recoverWithUni(refusal -> {
                    if (loggedFallbacks.add(pipeline.externalId() + (legacy ? " patch" : " phase-status"))) {
                        Log.infof("LaunchDarkly refused the %s for a release on pipeline %s (%s); trying the %s, "
                                + "and using it for this pipeline if it is accepted", legacy ? "JSON Patch"
                                        : "phase-status call", pipeline.externalId(), refusal.getMessage(),
                                legacy ? "phase-status call" : "JSON Patch");
                    }
                    return Uni.createFrom().deferred(other::get)
                            .invoke(() -> pipelineKinds.put(pipeline, !legacy))
                            .onFailure(FlagReleaseService::refusedAsWrongKind).transform(second -> refusal);
                });
    }

    /** LaunchDarkly's 400 to a request the gateway checked against the fresh release: the wrong call for the kind. */
    private static boolean refusedAsWrongKind(Throwable failure) {
        return failure instanceof ValidationException validation
                && validation.upstream().filter(UPSTREAM::equals).isPresent()
                && validation.httpStatus().filter(status -> status == 400).isPresent();
    }

    private Uni<FlagRelease> completeOnNewPipeline(String projectKey, String flagKey, ReleasePhase phase,
            boolean complete) {
        if (!complete) {
            throw new ConflictException("Phase \"" + phase.name() + "\" is on a new release pipeline, where "
                    + "LaunchDarkly cannot mark a complete phase incomplete again.", UPSTREAM, null, null);
        }
        Uni<FlagRelease> started = phase.started() ? Uni.createFrom().nullItem()
                : launchDarkly.startPhase(projectKey, flagKey, phase.phaseId());
        return started.chain(() -> launchDarkly.completeStartedPhase(projectKey, flagKey, phase.phaseId()));
    }

    /** The release and its pipeline's progress are what a phase change alters (the listing is made of them). */
    private Uni<Void> evictAfterChange(String projectKey, String flagKey, String pipelineKey) {
        return cache.evict(releaseKey(projectKey, flagKey), progressKey(projectKey, pipelineKey));
    }

    private static int indexOf(FlagRelease release, PhaseRef ref) {
        int count = release.phases().size();
        if (ref instanceof PhaseRef.ByIndex byIndex) {
            if (byIndex.index() < 0 || byIndex.index() >= count) {
                throw new ValidationException("phaseIndex", "`phaseIndex` must be between 0 and " + (count - 1)
                        + ": the release has " + count + " phases.");
            }
            return byIndex.index();
        }
        String phaseId = ((PhaseRef.ById) ref).phaseId();
        return release.phases().stream().filter(phase -> phase.phaseId().equals(phaseId)).findFirst()
                .map(ReleasePhase::index)
                .orElseThrow(() -> new ValidationException("phaseId",
                        "`phaseId` is not a phase of this release; use a `phaseId` from its `phases`."));
    }

    private static void requireInOrder(FlagRelease release, int index, boolean complete) {
        if (release.canceledAt() != null) {
            throw new ConflictException("The release of flag " + release.flagKey() + " was canceled.");
        }
        ReleasePhase phase = release.phases().get(index);
        List<ReleasePhase> phases = release.phases();
        Optional<ReleasePhase> blocking = complete
                ? phases.subList(0, index).stream().filter(earlier -> !earlier.complete()).findFirst()
                : phases.subList(index + 1, phases.size()).stream().filter(ReleasePhase::complete).findFirst();
        blocking.ifPresent(other -> {
            throw new ConflictException(complete
                    ? "Phase \"" + phase.name() + "\" cannot be completed before phase \"" + other.name() + "\" is."
                    : "Phase \"" + phase.name() + "\" cannot be reopened while the later phase \"" + other.name()
                            + "\" is complete.");
        });
    }

    private static NotFoundException noRelease(String projectKey, String flagKey) {
        return new NotFoundException("Flag " + flagKey + " in LaunchDarkly project " + projectKey + " has no release.",
                UPSTREAM, 404, null);
    }
}
