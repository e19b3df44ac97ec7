package io.releasegraph.provider.launchdarkly;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.logging.Log;
import io.releasegraph.cache.CacheKey;
import io.releasegraph.cache.CacheTypes;
import io.releasegraph.cache.UpstreamCache;
import io.releasegraph.config.GatewayConfig;
import io.releasegraph.domain.FlagRelease;
import io.releasegraph.domain.GlobalId;
import io.releasegraph.domain.ProjectScopedKey;
import io.releasegraph.domain.Release;
import io.releasegraph.domain.ReleasePipeline;
import io.releasegraph.domain.ReleasePipelineProgress;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.error.NotFoundException;
import io.releasegraph.error.UpstreamFault;
import io.releasegraph.provider.Paging;
import io.releasegraph.provider.ReadsThroughCache;
import io.releasegraph.provider.RateLimitRetry;
import io.releasegraph.provider.ReleaseProvider;
import io.releasegraph.provider.UpstreamClient;
import io.releasegraph.provider.launchdarkly.dto.LdPatchOperation;
import io.releasegraph.provider.launchdarkly.dto.LdReleaseProgression;
import io.releasegraph.provider.launchdarkly.dto.LdReleaseProgressionCollection;
import io.releasegraph.provider.launchdarkly.dto.LdUpdatePhaseStatusInput;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

/**
 * The gateway's only way to LaunchDarkly's release APIs: walks pages, waits out short 429s, maps wire records to
 * schema records and failures to the error contract. A 404 becomes an empty {@link Optional}, never an error.
 *
 * <p>Unlike the other providers it reads through the {@link UpstreamCache} itself: LaunchDarkly can only list
 * releases one flag at a time (see {@link #listReleases()}), and those per-flag, per-pipeline reads must be the
 * very cache entries that {@code flagRelease}, {@code releasePipelines} and {@code completeReleasePhase} read and
 * evict, so that one query shares in-flight calls between its parts and a mutation's eviction reaches the listing.
 * The keys are defined here once ({@link #releaseKey} and friends) for the service that evicts them.
 *
 * <p>Fault tolerance sits on the upstream reads behind the cache ({@code fetch*}, called through the bean so that
 * the interceptors apply), never on the cache reads, so that an open breaker still lets the cache answer. Reads
 * have a timeout, a circuit breaker named {@code launchdarkly-<method>} and jittered retries; writes only the
 * timeout and breaker (a 429 aside, nothing is retried). Values: {@code quarkus.fault-tolerance."<FQCN>[/<method>]".*}.
 */
@ApplicationScoped
@UpstreamClient
public class LaunchDarklyClient implements ReleaseProvider {

    /** Newest first, the order every list in the schema uses. */
    private static final Comparator<FlagRelease> NEWEST_FIRST = Comparator
            .comparing(FlagRelease::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(FlagRelease::id);
    /** Per-flag reads of one listing run this many at a time, to stay clear of LaunchDarkly's rate limit. */
    private static final int LIST_CONCURRENCY = 4;

    private final LaunchDarklyRestClient rest;
    private final UpstreamCache cache;
    private final RateLimitRetry limits;
    private final List<String> projects;
    private final int pageSize;

    LaunchDarklyClient(@RestClient LaunchDarklyRestClient rest, UpstreamCache cache, GatewayConfig config) {
        GatewayConfig.LaunchDarkly launchDarkly = config.launchdarkly();
        this.rest = rest;
        this.cache = cache;
        this.limits = new RateLimitRetry(ReleaseSource.LAUNCHDARKLY, launchDarkly.rateLimit().maxWait(),
                launchDarkly.rateLimit().maxRetries());
        this.projects = launchDarkly.projects().stream().map(String::trim).filter(p -> !p.isEmpty()).distinct()
                .toList();
        this.pageSize = launchDarkly.pageSize();
    }

    /** The cache entry of a flag's release ({@code Optional<FlagRelease>}). */
    public static CacheKey releaseKey(String projectKey, String flagKey) {
        return CacheKey.of(ReleaseSource.LAUNCHDARKLY, "flagRelease", new ProjectScopedKey(projectKey, flagKey).externalId());
    }

    /** The cache entry of a project's release pipelines ({@code List<ReleasePipeline>}). */
    public static CacheKey pipelinesKey(String projectKey) {
        return CacheKey.of(ReleaseSource.LAUNCHDARKLY, "releasePipelines", projectKey);
    }

    /** The cache entry of one release pipeline ({@code Optional<ReleasePipeline>}). */
    public static CacheKey pipelineKey(String projectKey, String pipelineKey) {
        return CacheKey.of(ReleaseSource.LAUNCHDARKLY, "releasePipeline",
                new ProjectScopedKey(projectKey, pipelineKey).externalId());
    }

    /** The cache entry of a pipeline's release progress, which names the flags on it. */
    public static CacheKey progressKey(String projectKey, String pipelineKey) {
        return CacheKey.of(ReleaseSource.LAUNCHDARKLY, "pipelineProgress",
                new ProjectScopedKey(projectKey, pipelineKey).externalId());
    }

    @Override
    public ReleaseSource source() {
        return ReleaseSource.LAUNCHDARKLY;
    }

    /**
     * Every release in the configured projects ({@code gateway.launchdarkly.projects}). LaunchDarkly has no route
     * that lists releases, and a release is only reachable through its flag; the release progressions of each
     * pipeline name every flag with a release on it (active and completed). So: pipelines of each project, their
     * progressions, then each flag's release, all through the cache. A project LaunchDarkly does not know is
     * skipped (with a warning) rather than failing every source's list.
     */
    @Override
    @ReadsThroughCache
    public Uni<List<Release>> listReleases() {
        return joinAll(projects.stream().map(this::releasesOf).toList(), projects.size())
                .map(perProject -> perProject.stream().flatMap(List::stream).sorted(NEWEST_FIRST)
                        .map(Release.class::cast).toList());
    }

    @Override
    @ReadsThroughCache
    public Uni<Optional<Release>> findRelease(GlobalId id) {
        if (!LaunchDarklyMapper.FLAG_RELEASE.equals(id.type())) {
            return Uni.createFrom().item(Optional.empty());
        }
        return ProjectScopedKey.parse(id.externalId())
                .map(key -> flagRelease(key.projectKey(), key.key()).map(found -> found.map(Release.class::cast)))
                .orElseGet(() -> Uni.createFrom().item(Optional.empty()));
    }

    /** The flag's current release, read through the cache; empty when the flag has none. */
    @ReadsThroughCache
    public Uni<Optional<FlagRelease>> flagRelease(String projectKey, String flagKey) {
        return cache.get(releaseKey(projectKey, flagKey), CacheTypes.optionalOf(FlagRelease.class),
                () -> fetchFlagRelease(projectKey, flagKey));
    }

    /** The flag's current release straight from LaunchDarkly, for decisions a stale copy must not make. */
    @Timeout
    @Retry(retryOn = { UpstreamFault.class, TimeoutException.class })
    @ExponentialBackoff
    @CircuitBreaker(failOn = { UpstreamFault.class, TimeoutException.class })
    @CircuitBreakerName("launchdarkly-fetchFlagRelease")
    public Uni<Optional<FlagRelease>> fetchFlagRelease(String projectKey, String flagKey) {
        return optional(() -> rest.getRelease(projectKey, flagKey)
                .map(release -> LaunchDarklyMapper.release(projectKey, flagKey, release)));
    }

    /** The project's release pipelines, every page, read through the cache. */
    @ReadsThroughCache
    public Uni<List<ReleasePipeline>> pipelines(String projectKey) {
        return cache.get(pipelinesKey(projectKey), CacheTypes.listOf(ReleasePipeline.class),
                () -> fetchPipelines(projectKey));
    }

    @Timeout
    @Retry(retryOn = { UpstreamFault.class, TimeoutException.class })
    @ExponentialBackoff
    @CircuitBreaker(failOn = { UpstreamFault.class, TimeoutException.class })
    @CircuitBreakerName("launchdarkly-fetchPipelines")
    Uni<List<ReleasePipeline>> fetchPipelines(String projectKey) {
        return Paging.collectToTotal(page -> limits.call(
                () -> rest.listPipelines(projectKey, pageSize, page * pageSize))
                .map(answer -> new Paging.Counted<>(answer.items(), answer.totalCount())))
                .map(all -> all.stream().map(pipeline -> LaunchDarklyMapper.pipeline(projectKey, pipeline)).toList());
    }

    /** One release pipeline, read through the cache; empty when the project has no such pipeline. */
    @ReadsThroughCache
    public Uni<Optional<ReleasePipeline>> pipeline(String projectKey, String pipelineKey) {
        return cache.get(pipelineKey(projectKey, pipelineKey), CacheTypes.optionalOf(ReleasePipeline.class),
                () -> fetchPipeline(projectKey, pipelineKey));
    }

    @Timeout
    @Retry(retryOn = { UpstreamFault.class, TimeoutException.class })
    @ExponentialBackoff
    @CircuitBreaker(failOn = { UpstreamFault.class, TimeoutException.class })
    @CircuitBreakerName("launchdarkly-fetchPipeline")
    Uni<Optional<ReleasePipeline>> fetchPipeline(String projectKey, String pipelineKey) {
        return optional(() -> rest.getPipeline(projectKey, pipelineKey)
                .map(pipeline -> LaunchDarklyMapper.pipeline(projectKey, pipeline)));
    }

    /** How the pipeline's releases stand, and which flags they are, read through the cache. */
    @ReadsThroughCache
    public Uni<ReleasePipelineProgress> progress(String projectKey, String pipelineKey) {
        return cache.get(progressKey(projectKey, pipelineKey), CacheTypes.of(ReleasePipelineProgress.class),
                () -> fetchProgress(projectKey, pipelineKey));
    }

    @Timeout
    @Retry(retryOn = { UpstreamFault.class, TimeoutException.class })
    @ExponentialBackoff
    @CircuitBreaker(failOn = { UpstreamFault.class, TimeoutException.class })
    @CircuitBreakerName("launchdarkly-fetchProgress")
    Uni<ReleasePipelineProgress> fetchProgress(String projectKey, String pipelineKey) {
        // The counts are the same on every page; the items are what the pages split.
        AtomicReference<LdReleaseProgressionCollection> counts = new AtomicReference<>();
        return Paging.<LdReleaseProgression> collectToTotal(page -> limits.call(
                () -> rest.listProgressions(projectKey, pipelineKey, pageSize, page * pageSize))
                .invoke(answer -> counts.compareAndSet(null, answer))
                .map(answer -> new Paging.Counted<>(answer.items(), answer.totalCount())))
                .map(all -> LaunchDarklyMapper.progress(counts.get(), all));
    }

    /** JSON Patch {@code replace /phases/<index>/complete}: the only change a legacy pipeline's release takes. */
    @Timeout
    @CircuitBreaker(failOn = { UpstreamFault.class, TimeoutException.class })
    @CircuitBreakerName("launchdarkly-markPhaseComplete")
    public Uni<FlagRelease> markPhaseComplete(String projectKey, String flagKey, int index, boolean complete) {
        return limits.call(() -> rest.patchRelease(projectKey, flagKey,
                List.of(LdPatchOperation.phaseComplete(index, complete))))
                .map(release -> LaunchDarklyMapper.release(projectKey, flagKey, release));
    }

    /** Phase-status call of a new pipeline with {@code active}: starts the phase once the earlier ones are complete. */
    @Timeout
    @CircuitBreaker(failOn = { UpstreamFault.class, TimeoutException.class })
    @CircuitBreakerName("launchdarkly-startPhase")
    public Uni<FlagRelease> startPhase(String projectKey, String flagKey, String phaseId) {
        return setPhaseStatus(projectKey, flagKey, phaseId, LdUpdatePhaseStatusInput.ACTIVE);
    }

    /** Phase-status call of a new pipeline with {@code completed}: completes a started phase. */
    @Timeout
    @CircuitBreaker(failOn = { UpstreamFault.class, TimeoutException.class })
    @CircuitBreakerName("launchdarkly-completeStartedPhase")
    public Uni<FlagRelease> completeStartedPhase(String projectKey, String flagKey, String phaseId) {
        return setPhaseStatus(projectKey, flagKey, phaseId, LdUpdatePhaseStatusInput.COMPLETED);
    }

    private Uni<FlagRelease> setPhaseStatus(String projectKey, String flagKey, String phaseId, String status) {
        return limits.call(() -> rest.updatePhaseStatus(projectKey, flagKey, phaseId,
                new LdUpdatePhaseStatusInput(status)))
                .map(release -> LaunchDarklyMapper.release(projectKey, flagKey, release));
    }

    private Uni<List<FlagRelease>> releasesOf(String projectKey) {
        return pipelines(projectKey)
                .chain(pipelines -> joinAll(pipelines.stream()
                        .map(pipeline -> progress(projectKey, pipeline.key())
                                .map(ReleasePipelineProgress::flagKeys)
                                // a pipeline deleted while we walk has no releases left to list
                                .onFailure(NotFoundException.class).recoverWithItem(List.of()))
                        .toList(), LIST_CONCURRENCY))
                .map(flagKeys -> flagKeys.stream().flatMap(List::stream).filter(Objects::nonNull).distinct().toList())
                .chain(flagKeys -> joinAll(flagKeys.stream().map(flagKey -> flagRelease(projectKey, flagKey)).toList(),
                        LIST_CONCURRENCY))
                .map(found -> found.stream().flatMap(Optional::stream).toList())
                .onFailure(NotFoundException.class).recoverWithItem(() -> {
                    Log.warnf("LaunchDarkly has no project %s (gateway.launchdarkly.projects); its releases are not listed",
                            projectKey);
                    return List.of();
                });
    }

    private static <T> Uni<List<T>> joinAll(List<Uni<T>> calls, int concurrency) {
        if (calls.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(calls).usingConcurrencyOf(Math.max(1, concurrency)).andFailFast();
    }

    private <T> Uni<Optional<T>> optional(Supplier<Uni<? extends T>> call) {
        return limits.<T> call(call).map(Optional::of)
                .onFailure(NotFoundException.class).recoverWithItem(Optional.empty());
    }
}
