package io.releasegraph.sandbox.launchdarkly;

import java.util.List;
import java.util.Map;

import io.releasegraph.sandbox.launchdarkly.LdWire.Link;
import io.releasegraph.sandbox.launchdarkly.LdWire.Release;
import io.releasegraph.sandbox.launchdarkly.LdWire.ReleaseAudience;
import io.releasegraph.sandbox.launchdarkly.LdWire.ReleasePhase;
import io.releasegraph.sandbox.launchdarkly.LdWire.ReleasePipeline;
import io.releasegraph.sandbox.launchdarkly.LdWire.ReleaseProgression;

/** Builds releases from pipelines and summarises their progress. */
final class Releases {

    private Releases() {
    }

    static Map<String, Link> selfLink(String projectKey, String flagKey) {
        return Link.self("/api/v2/flags/" + projectKey + "/" + flagKey + "/release");
    }

    /**
     * A fresh release with every phase not started. Release phases keep their pipeline phase's id, which is what the
     * progression endpoint's {@code activePhaseId} and {@code phases[]._id} refer to; audiences get ids of their own.
     */
    static Release fromPipeline(String projectKey, String flagKey, ReleasePipeline pipeline, String variationId,
            long createdAt, IdSequence ids) {
        List<ReleasePhase> phases = pipeline.phases().stream()
                .map(phase -> new ReleasePhase(phase.id(), phase.name(), false, createdAt,
                        phase.audiences().stream()
                                .map(a -> new ReleaseAudience(ids.next(), a.name(), a.environment(),
                                        a.configuration(), a.segmentKeys(), LdWire.NOT_STARTED, List.of()))
                                .toList(),
                        null, null, LdWire.NOT_STARTED, false, null, phase.configuration()))
                .toList();
        return new Release(pipeline.name(), pipeline.key(), pipeline.description(), phases, 1,
                selfLink(projectKey, flagKey), variationId, null);
    }

    /** The first phase not yet complete: where the release stands, started or waiting to start. */
    static String activePhaseId(Release release) {
        return release.phases().stream()
                .filter(phase -> !phase.complete())
                .map(ReleasePhase::id)
                .findFirst()
                .orElse(null);
    }

    static ReleaseProgression progression(String projectKey, String flagKey, ProjectState.StoredRelease stored) {
        Release release = stored.release();
        Long completedAt = release.isCompleted()
                ? release.phases().stream().mapToLong(ReleasePhase::completionDate).max().orElse(stored.createdAt())
                : null;
        return new ReleaseProgression(flagKey, stored.createdAt(), completedAt, activePhaseId(release),
                selfLink(projectKey, flagKey));
    }
}
