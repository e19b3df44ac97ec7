package io.releasegraph.provider.launchdarkly;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import io.releasegraph.domain.CacheInfo;
import io.releasegraph.domain.FlagRelease;
import io.releasegraph.domain.GlobalId;
import io.releasegraph.domain.ProjectScopedKey;
import io.releasegraph.domain.LaunchDarklyAccessToken;
import io.releasegraph.domain.LaunchDarklyMember;
import io.releasegraph.domain.ReleaseAudience;
import io.releasegraph.domain.ReleaseAudienceConfiguration;
import io.releasegraph.domain.ReleaseGuardianConfiguration;
import io.releasegraph.domain.ReleasePhaseCompleter;
import io.releasegraph.domain.ReleaseEnvironment;
import io.releasegraph.domain.ReleasePhase;
import io.releasegraph.domain.ReleasePhaseStatus;
import io.releasegraph.domain.ReleasePipeline;
import io.releasegraph.domain.ReleasePipelinePhase;
import io.releasegraph.domain.ReleasePipelinePhaseProgress;
import io.releasegraph.domain.ReleasePipelineProgress;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.domain.ReleaseStatus;
import io.releasegraph.provider.launchdarkly.dto.LdAudience;
import io.releasegraph.provider.launchdarkly.dto.LdAudienceConfiguration;
import io.releasegraph.provider.launchdarkly.dto.LdCompletedBy;
import io.releasegraph.provider.launchdarkly.dto.LdMemberSummary;
import io.releasegraph.provider.launchdarkly.dto.LdReleaseGuardianConfiguration;
import io.releasegraph.provider.launchdarkly.dto.LdTokenSummary;
import io.releasegraph.provider.launchdarkly.dto.LdEnvironmentSummary;
import io.releasegraph.provider.launchdarkly.dto.LdPhase;
import io.releasegraph.provider.launchdarkly.dto.LdPhaseInfo;
import io.releasegraph.provider.launchdarkly.dto.LdRelease;
import io.releasegraph.provider.launchdarkly.dto.LdReleaseAudience;
import io.releasegraph.provider.launchdarkly.dto.LdReleasePhase;
import io.releasegraph.provider.launchdarkly.dto.LdReleasePipeline;
import io.releasegraph.provider.launchdarkly.dto.LdReleaseProgression;
import io.releasegraph.provider.launchdarkly.dto.LdReleaseProgressionCollection;

/** LaunchDarkly wire records to schema records. */
final class LaunchDarklyMapper {

    static final String FLAG_RELEASE = "FlagRelease";
    static final String PIPELINE = "ReleasePipeline";

    private LaunchDarklyMapper() {
    }

    static FlagRelease release(String projectKey, String flagKey, LdRelease release) {
        List<LdReleasePhase> wirePhases = orEmpty(release.phases());
        List<ReleasePhase> phases = new ArrayList<>(wirePhases.size());
        for (int i = 0; i < wirePhases.size(); i++) {
            phases.add(phase(i, wirePhases.get(i)));
        }
        OffsetDateTime canceledAt = date(release.canceledAt());
        OffsetDateTime createdAt = phases.stream().map(ReleasePhase::createdAt).filter(Objects::nonNull)
                .min(OffsetDateTime::compareTo).orElse(null);
        OffsetDateTime updatedAt = Stream.concat(Stream.of(canceledAt, createdAt),
                phases.stream().flatMap(phase -> Stream.of(phase.startedAt(), phase.completedAt())))
                .filter(Objects::nonNull).max(OffsetDateTime::compareTo).orElse(null);
        String id = GlobalId.encode(ReleaseSource.LAUNCHDARKLY, FLAG_RELEASE,
                new ProjectScopedKey(projectKey, flagKey).externalId());
        return new FlagRelease(id, ReleaseSource.LAUNCHDARKLY, flagKey, status(phases, canceledAt), createdAt,
                updatedAt, projectKey, flagKey, release.releasePipelineKey(), release.name(),
                release.releasePipelineDescription(), release.releaseVariationId(), List.copyOf(phases),
                release.version() == null ? 0 : release.version(), canceledAt, CacheInfo.now());
    }

    static ReleaseStatus status(List<ReleasePhase> phases, OffsetDateTime canceledAt) {
        if (canceledAt != null) {
            return ReleaseStatus.CANCELED;
        }
        if (!phases.isEmpty() && phases.stream().allMatch(ReleasePhase::complete)) {
            return ReleaseStatus.COMPLETED;
        }
        return phases.stream().anyMatch(ReleasePhase::started) ? ReleaseStatus.IN_PROGRESS : ReleaseStatus.NOT_STARTED;
    }

    static ReleasePhase phase(int index, LdReleasePhase phase) {
        // The status string is not a published enum (upstreams.md C.2), so the booleans decide.
        boolean started = phase.complete() || Boolean.TRUE.equals(phase.started()) || phase.startedDate() != null;
        ReleasePhaseStatus status = phase.complete() ? ReleasePhaseStatus.COMPLETED
                : started ? ReleasePhaseStatus.ACTIVE : ReleasePhaseStatus.NOT_STARTED;
        return new ReleasePhase(phase.id(), index, phase.name(), phase.complete(), started, status, phase.status(),
                date(phase.creationDate()), date(phase.startedDate()), date(phase.completionDate()),
                completedBy(phase.completedBy()), completer(phase.completedBy()),
                orEmpty(phase.audiences()).stream().map(LaunchDarklyMapper::audience).toList());
    }

    static ReleasePipeline pipeline(String projectKey, LdReleasePipeline pipeline) {
        String id = GlobalId.encode(ReleaseSource.LAUNCHDARKLY, PIPELINE,
                new ProjectScopedKey(projectKey, pipeline.key()).externalId());
        return new ReleasePipeline(id, projectKey, pipeline.key(), pipeline.name(), pipeline.description(),
                pipeline.createdAt(), isLegacy(pipeline), Boolean.TRUE.equals(pipeline.isProjectDefault()),
                orEmpty(pipeline.tags()), orEmpty(pipeline.phases()).stream().map(LaunchDarklyMapper::pipelinePhase)
                        .toList(),
                CacheInfo.now(), pipeline.isLegacy());
    }

    /** The spec makes {@code _isLegacy} optional: only a pipeline that says so is shown as legacy. */
    static boolean isLegacy(LdReleasePipeline pipeline) {
        return Boolean.TRUE.equals(pipeline.isLegacy());
    }

    static ReleasePipelineProgress progress(LdReleaseProgressionCollection counts, List<LdReleaseProgression> all) {
        List<ReleasePipelinePhaseProgress> phases = orEmpty(counts.phases()).stream()
                .map(LaunchDarklyMapper::phaseProgress).toList();
        List<String> flagKeys = all.stream().map(LdReleaseProgression::flagKey).filter(Objects::nonNull).distinct()
                .toList();
        return new ReleasePipelineProgress(counts.activeCount(), counts.completedCount(), counts.totalCount(), phases,
                flagKeys);
    }

    private static ReleasePipelinePhaseProgress phaseProgress(LdPhaseInfo phase) {
        return new ReleasePipelinePhaseProgress(phase.id(), phase.name(), phase.releaseCount());
    }

    private static ReleasePipelinePhase pipelinePhase(LdPhase phase) {
        return new ReleasePipelinePhase(phase.id(), phase.name(),
                orEmpty(phase.audiences()).stream().map(LaunchDarklyMapper::audience).toList());
    }

    private static ReleaseAudience audience(LdReleaseAudience audience) {
        return audience(audience.id(), audience.name(), audience.environment(), audience.configuration(),
                audience.segmentKeys(), audience.status(), audience.ruleIds());
    }

    private static ReleaseAudience audience(LdAudience audience) {
        return audience(null, audience.name(), audience.environment(), audience.configuration(),
                audience.segmentKeys(), null, null);
    }

    private static ReleaseAudience audience(String id, String name, LdEnvironmentSummary environment,
            LdAudienceConfiguration configuration, List<String> segmentKeys, String status, List<String> ruleIds) {
        return new ReleaseAudience(id, name == null ? "" : name,
                environment == null ? null
                        : new ReleaseEnvironment(environment.key(), environment.name(), environment.color()),
                configuration == null ? null : configuration.releaseStrategy(),
                configuration != null && Boolean.TRUE.equals(configuration.requireApproval()),
                orEmpty(segmentKeys), configuration(configuration), status, copyOrNull(ruleIds));
    }

    /** The vendor's nulls stay null: a missing list is not an empty one. */
    private static ReleaseAudienceConfiguration configuration(LdAudienceConfiguration configuration) {
        if (configuration == null) {
            return null;
        }
        LdReleaseGuardianConfiguration guardian = configuration.releaseGuardianConfiguration();
        return new ReleaseAudienceConfiguration(configuration.releaseStrategy(), configuration.requireApproval(),
                copyOrNull(configuration.notifyMemberIds()), copyOrNull(configuration.notifyTeamKeys()),
                guardian == null ? null
                        : new ReleaseGuardianConfiguration(guardian.monitoringWindowMilliseconds(),
                                guardian.rolloutWeight(), guardian.rollbackOnRegression(),
                                guardian.randomizationUnit()));
    }

    private static ReleasePhaseCompleter completer(LdCompletedBy by) {
        if (by == null || (by.member() == null && by.token() == null)) {
            return null;
        }
        LdMemberSummary member = by.member();
        LdTokenSummary token = by.token();
        return new ReleasePhaseCompleter(
                member == null ? null
                        : new LaunchDarklyMember(member.id(), member.email(), member.firstName(), member.lastName(),
                                member.role()),
                token == null ? null : new LaunchDarklyAccessToken(token.id(), token.name(), token.serviceToken()));
    }

    private static <T> List<T> copyOrNull(List<T> list) {
        return list == null ? null : list.stream().filter(Objects::nonNull).toList();
    }

    private static String completedBy(LdCompletedBy by) {
        if (by == null) {
            return null;
        }
        if (by.member() != null) {
            if (by.member().email() != null) {
                return by.member().email();
            }
            String name = Stream.of(by.member().firstName(), by.member().lastName()).filter(Objects::nonNull)
                    .reduce((first, last) -> first + " " + last).orElse(null);
            if (name != null) {
                return name;
            }
        }
        return by.token() == null ? null : by.token().name();
    }

    private static OffsetDateTime date(Long epochMillis) {
        return epochMillis == null ? null : OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

}
