package io.releasegraph.sandbox.launchdarkly;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * LaunchDarkly wire shapes, named and spelled as in the vendor OpenAPI ({@code components.schemas}).
 * Absent optional fields are omitted rather than sent as {@code null}: the spec marks none of them nullable.
 */
public final class LdWire {

    public static final String JSON = "application/json";

    /** Phase and audience {@code status} values the sandbox uses (the vendor does not publish the set). */
    public static final String NOT_STARTED = "not_started";
    public static final String ACTIVE = "active";
    public static final String COMPLETED = "completed";

    private LdWire() {
    }

    public record Link(String href, String type) {
        static Map<String, Link> self(String href) {
            return Map.of("self", new Link(href, JSON));
        }
    }

    public record EnvironmentSummary(@JsonProperty("_links") Map<String, Link> links, String key, String name,
            String color) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReleaseGuardianConfiguration(long monitoringWindowMilliseconds, int rolloutWeight,
            boolean rollbackOnRegression, String randomizationUnit) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AudienceConfiguration(String releaseStrategy, boolean requireApproval, List<String> notifyMemberIds,
            List<String> notifyTeamKeys, ReleaseGuardianConfiguration releaseGuardianConfiguration) {
    }

    /** An audience of a pipeline phase ({@code Audience}); it has no id of its own. */
    public record Audience(EnvironmentSummary environment, String name, AudienceConfiguration configuration,
            List<String> segmentKeys) {
    }

    /** A pipeline phase ({@code Phase}): note {@code id}, where a release phase has {@code _id}. */
    public record Phase(String id, String name, List<Audience> audiences, Map<String, Object> configuration) {
    }

    public record ReleasePipeline(String key, String name, String description, String createdAt, List<Phase> phases,
            List<String> tags, @JsonProperty("_version") int version,
            @JsonProperty("isProjectDefault") boolean isProjectDefault,
            @JsonProperty("_isLegacy") boolean isLegacy) {
    }

    public record ReleasePipelineCollection(List<ReleasePipeline> items, int totalCount) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MemberSummary(@JsonProperty("_id") String id, @JsonProperty("_links") Map<String, Link> links,
            String email, String role, String firstName, String lastName) {
    }

    public record CompletedBy(MemberSummary member) {
    }

    public record ReleaseAudience(@JsonProperty("_id") String id, String name, EnvironmentSummary environment,
            AudienceConfiguration configuration, List<String> segmentKeys, String status,
            @JsonProperty("_ruleIds") List<String> ruleIds) {

        ReleaseAudience withStatus(String newStatus) {
            return new ReleaseAudience(id, name, environment, configuration, segmentKeys, newStatus, ruleIds);
        }

        ReleaseAudience withRule(String ruleId) {
            List<String> rules = new ArrayList<>(ruleIds);
            rules.add(ruleId);
            return new ReleaseAudience(id, name, environment, configuration, segmentKeys, status, List.copyOf(rules));
        }

        ReleaseAudience withConfiguration(AudienceConfiguration newConfiguration) {
            return new ReleaseAudience(id, name, environment, newConfiguration, segmentKeys, status, ruleIds);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReleasePhase(@JsonProperty("_id") String id, @JsonProperty("_name") String name, boolean complete,
            @JsonProperty("_creationDate") long creationDate,
            @JsonProperty("_audiences") List<ReleaseAudience> audiences,
            @JsonProperty("_completionDate") Long completionDate, @JsonProperty("_completedBy") CompletedBy completedBy,
            String status, boolean started, @JsonProperty("_startedDate") Long startedDate,
            Map<String, Object> configuration) {

        /** Starts the phase; its audiences become active and each gets the targeting rule it adds. */
        ReleasePhase start(long at, Supplier<String> ruleIds) {
            List<ReleaseAudience> active = audiences.stream()
                    .map(a -> a.withStatus(ACTIVE).withRule(ruleIds.get()))
                    .toList();
            return new ReleasePhase(id, name, complete, creationDate, active, completionDate, completedBy, ACTIVE,
                    true, at, configuration);
        }

        /** Completes the phase, starting it first when it never was (legacy pipelines allow that). */
        ReleasePhase complete(long at, CompletedBy by, Supplier<String> ruleIds) {
            ReleasePhase begun = started ? this : start(at, ruleIds);
            return new ReleasePhase(id, name, true, creationDate, begun.withAudienceStatus(COMPLETED), at, by,
                    COMPLETED, true, begun.startedDate, configuration);
        }

        /** Marks the phase incomplete again: it stays started, so it is back to active. */
        ReleasePhase reopen() {
            String status = started ? ACTIVE : NOT_STARTED;
            return new ReleasePhase(id, name, false, creationDate, withAudienceStatus(status), null, null, status,
                    started, startedDate, configuration);
        }

        ReleasePhase withAudiences(List<ReleaseAudience> newAudiences) {
            return new ReleasePhase(id, name, complete, creationDate, newAudiences, completionDate, completedBy,
                    status, started, startedDate, configuration);
        }

        private List<ReleaseAudience> withAudienceStatus(String newStatus) {
            return audiences.stream().map(a -> a.withStatus(newStatus)).toList();
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Release(String name, String releasePipelineKey, String releasePipelineDescription,
            List<ReleasePhase> phases, @JsonProperty("_version") int version,
            @JsonProperty("_links") Map<String, Link> links,
            @JsonProperty("_releaseVariationId") String releaseVariationId,
            @JsonProperty("_canceledAt") Long canceledAt) {

        /** A copy with the given phases and the version bumped once. */
        Release withPhases(List<ReleasePhase> newPhases) {
            return new Release(name, releasePipelineKey, releasePipelineDescription, List.copyOf(newPhases),
                    version + 1, links, releaseVariationId, canceledAt);
        }

        /** A copy with the phase at {@code index} changed and the version bumped once. */
        Release changePhase(int index, UnaryOperator<ReleasePhase> change) {
            List<ReleasePhase> newPhases = new ArrayList<>(phases);
            newPhases.set(index, change.apply(newPhases.get(index)));
            return withPhases(newPhases);
        }

        boolean isCompleted() {
            return phases.stream().allMatch(ReleasePhase::complete);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReleaseProgression(String flagKey, @JsonProperty("_createdAt") long createdAt,
            @JsonProperty("_completedAt") Long completedAt, String activePhaseId,
            @JsonProperty("_links") Map<String, Link> links) {
    }

    public record PhaseInfo(@JsonProperty("_id") String id, String name, int releaseCount) {
    }

    public record ReleaseProgressionCollection(int activeCount, int completedCount, int totalCount,
            List<ReleaseProgression> items, List<PhaseInfo> phases,
            @JsonProperty("_links") Map<String, Link> links) {
    }

    public record CreateReleaseInput(String releasePipelineKey, String releaseVariationId) {
    }

    public record ReleaseGuardianConfigurationInput(Long monitoringWindowMilliseconds, Integer rolloutWeight,
            Boolean rollbackOnRegression, String randomizationUnit) {
    }

    public record ReleaserAudienceConfigInput(String audienceId,
            ReleaseGuardianConfigurationInput releaseGuardianConfiguration, List<String> notifyMemberIds,
            List<String> notifyTeamKeys) {
    }

    public record UpdatePhaseStatusInput(String status, List<ReleaserAudienceConfigInput> audiences) {
    }

    /** The error body of every LaunchDarkly error ({@code *ErrorRep}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApiError(String code, String message, String id) {
    }
}
