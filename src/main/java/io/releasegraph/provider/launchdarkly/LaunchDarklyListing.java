package io.releasegraph.provider.launchdarkly;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.quarkus.logging.Log;
import io.releasegraph.domain.FlagRelease;
import io.releasegraph.domain.Release;
import io.releasegraph.domain.ReleasePipeline;
import io.releasegraph.domain.ReleasePipelineProgress;
import io.releasegraph.error.NotFoundException;
import io.smallrye.mutiny.Uni;

/**
 * How LaunchDarkly's releases are listed. It has no route that lists releases, and a release is only reachable
 * through its flag; the release progressions of each pipeline name every flag with a release on it (active and
 * completed). So: pipelines of each project, their progressions, then each flag's release. The reads are passed
 * in: the client makes them straight, {@code FlagReleaseService} through the cache entries it owns and evicts.
 */
public final class LaunchDarklyListing {

    /** Newest first, the order every list in the schema uses. */
    private static final Comparator<FlagRelease> NEWEST_FIRST = Comparator
            .comparing(FlagRelease::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(FlagRelease::id);
    /** Per-flag reads of one listing run this many at a time, to stay clear of LaunchDarkly's rate limit. */
    private static final int LIST_CONCURRENCY = 4;

    /** The three reads a listing makes. */
    public record Reads(Function<String, Uni<List<ReleasePipeline>>> pipelines,
            BiFunction<String, String, Uni<ReleasePipelineProgress>> progress,
            BiFunction<String, String, Uni<Optional<FlagRelease>>> flagRelease) {
    }

    private LaunchDarklyListing() {
    }

    /**
     * Every release in the projects, newest first. A project LaunchDarkly does not know is skipped (with a warning)
     * rather than failing every source's list.
     */
    public static Uni<List<Release>> releases(List<String> projects, Reads reads) {
        return joinAll(projects.stream().map(project -> releasesOf(project, reads)).toList(), projects.size())
                .map(perProject -> perProject.stream().flatMap(List::stream).sorted(NEWEST_FIRST)
                        .map(Release.class::cast).toList());
    }

    private static Uni<List<FlagRelease>> releasesOf(String projectKey, Reads reads) {
        return reads.pipelines().apply(projectKey)
                .chain(pipelines -> joinAll(pipelines.stream()
                        .map(pipeline -> reads.progress().apply(projectKey, pipeline.key())
                                .map(ReleasePipelineProgress::flagKeys)
                                // a pipeline deleted while we walk has no releases left to list
                                .onFailure(NotFoundException.class).recoverWithItem(List.of()))
                        .toList(), LIST_CONCURRENCY))
                .map(flagKeys -> flagKeys.stream().flatMap(List::stream).filter(Objects::nonNull).distinct().toList())
                .chain(flagKeys -> joinAll(flagKeys.stream()
                        .map(flagKey -> reads.flagRelease().apply(projectKey, flagKey)).toList(), LIST_CONCURRENCY))
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
}
