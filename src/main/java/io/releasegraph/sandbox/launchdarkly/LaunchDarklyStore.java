package io.releasegraph.sandbox.launchdarkly;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.releasegraph.sandbox.launchdarkly.LdWire.AudienceConfiguration;
import io.releasegraph.sandbox.launchdarkly.LdWire.CreateReleaseInput;
import io.releasegraph.sandbox.launchdarkly.LdWire.PhaseInfo;
import io.releasegraph.sandbox.launchdarkly.LdWire.Release;
import io.releasegraph.sandbox.launchdarkly.LdWire.ReleaseAudience;
import io.releasegraph.sandbox.launchdarkly.LdWire.ReleaseGuardianConfiguration;
import io.releasegraph.sandbox.launchdarkly.LdWire.ReleaseGuardianConfigurationInput;
import io.releasegraph.sandbox.launchdarkly.LdWire.ReleasePhase;
import io.releasegraph.sandbox.launchdarkly.LdWire.ReleasePipeline;
import io.releasegraph.sandbox.launchdarkly.LdWire.ReleasePipelineCollection;
import io.releasegraph.sandbox.launchdarkly.LdWire.ReleaseProgression;
import io.releasegraph.sandbox.launchdarkly.LdWire.ReleaseProgressionCollection;
import io.releasegraph.sandbox.launchdarkly.LdWire.ReleaserAudienceConfigInput;
import io.releasegraph.sandbox.launchdarkly.LdWire.UpdatePhaseStatusInput;
import io.releasegraph.sandbox.launchdarkly.ListParams.Page;
import io.releasegraph.sandbox.launchdarkly.ProjectState.StoredRelease;

/**
 * The LaunchDarkly sandbox's state: projects, release pipelines, flags and their releases. Every operation runs
 * under one lock and works on immutable release records, so a failed update leaves the previous value in place.
 */
@ApplicationScoped
public class LaunchDarklyStore {

    private Map<String, ProjectState> projects;
    private IdSequence ids;

    public LaunchDarklyStore() {
        reset();
    }

    /** Forgets every change and restores the seed (same keys, ids and dates). */
    public synchronized void reset() {
        ids = new IdSequence();
        projects = LaunchDarklySeed.create(ids);
    }

    public synchronized Release release(String projectKey, String flagKey) {
        return storedRelease(project(projectKey), flagKey).release();
    }

    /** JSON Patch on a legacy release; all operations are checked before any is applied. */
    public synchronized Release patchRelease(String projectKey, String flagKey, JsonNode patch) {
        ProjectState project = project(projectKey);
        StoredRelease stored = storedRelease(project, flagKey);
        if (!pipelineOf(project, stored.release()).isLegacy()) {
            throw LdApiException.invalidRequest("This release belongs to a new release pipeline, which JSON Patch "
                    + "cannot update; use PUT /api/v2/projects/" + projectKey + "/flags/" + flagKey
                    + "/release/phases/{phaseId}");
        }
        var operations = LegacyReleasePatch.parse(patch, stored.release().phases().size());
        Release updated = LegacyReleasePatch.apply(stored.release(), operations, transitionNow());
        return save(project, flagKey, stored, updated);
    }

    public synchronized void deleteRelease(String projectKey, String flagKey) {
        ProjectState project = project(projectKey);
        storedRelease(project, flagKey);
        project.releases.remove(flagKey);
    }

    /** Adds a flag to a pipeline; a flag that is already in a release must leave it first (DELETE). */
    public synchronized Release createRelease(String projectKey, String flagKey, CreateReleaseInput input) {
        ProjectState project = project(projectKey);
        requireFlag(project, flagKey);
        if (input.releasePipelineKey() == null || input.releasePipelineKey().isBlank()) {
            throw LdApiException.invalidRequest("releasePipelineKey is required");
        }
        ReleasePipeline pipeline = pipeline(project, input.releasePipelineKey());
        if (project.releases.containsKey(flagKey)) {
            throw LdApiException.invalidRequest("Flag " + flagKey + " is already in a release; delete it first");
        }
        long now = System.currentTimeMillis();
        Release release = Releases.fromPipeline(projectKey, flagKey, pipeline, input.releaseVariationId(), now, ids);
        project.releases.put(flagKey, new StoredRelease(now, release));
        return release;
    }

    /**
     * Moves a phase of a release on a new (non-legacy) pipeline: {@code active} starts a phase once every earlier
     * phase is complete, {@code completed} completes a started phase. Audience settings apply to the phase's
     * audiences first.
     */
    public synchronized Release updatePhaseStatus(String projectKey, String flagKey, String phaseId,
            UpdatePhaseStatusInput input) {
        ProjectState project = project(projectKey);
        StoredRelease stored = storedReleaseOr404(project, flagKey, "release or phase not found");
        Release release = stored.release();
        if (pipelineOf(project, release).isLegacy()) {
            throw LdApiException.invalidRequest("This release belongs to a legacy release pipeline; mark its phases "
                    + "complete with PATCH /api/v2/flags/" + projectKey + "/" + flagKey + "/release");
        }
        int index = phaseIndex(release, phaseId);
        ReleasePhase phase = withAudienceSettings(release.phases().get(index), input.audiences());
        Transition transition = transitionNow();
        ReleasePhase moved = switch (Objects.requireNonNullElse(input.status(), "")) {
            case LdWire.ACTIVE -> {
                requireStartable(release, index);
                yield transition.start(phase);
            }
            case LdWire.COMPLETED -> {
                if (!phase.started() || phase.complete()) {
                    throw LdApiException.invalidRequest("Phase " + phase.name() + " is "
                            + (phase.complete() ? "already complete" : "not started yet; start it with status active"));
                }
                yield transition.complete(phase);
            }
            default -> throw LdApiException.invalidRequest(
                    "status must be \"" + LdWire.ACTIVE + "\" or \"" + LdWire.COMPLETED + "\"");
        };
        return save(project, flagKey, stored, release.changePhase(index, p -> moved));
    }

    public synchronized ReleasePipelineCollection pipelines(String projectKey, String filter, Page page) {
        ProjectState project = project(projectKey);
        Map<String, String> terms = ListParams.filter(filter, List.of("query", "env"));
        Predicate<ReleasePipeline> matches = pipeline -> true;
        if (terms.containsKey("query")) {
            String text = terms.get("query").toLowerCase(Locale.ROOT);
            matches = matches.and(p -> containsIgnoringCase(p.key(), text) || containsIgnoringCase(p.name(), text)
                    || containsIgnoringCase(p.description(), text));
        }
        if (terms.containsKey("env")) {
            String envKey = terms.get("env");
            matches = matches.and(p -> p.phases().stream()
                    .flatMap(phase -> phase.audiences().stream())
                    .anyMatch(a -> a.environment().key().equals(envKey)));
        }
        List<ReleasePipeline> found = project.pipelines.values().stream().filter(matches).toList();
        return new ReleasePipelineCollection(page.slice(found), found.size());
    }

    public synchronized ReleasePipeline pipeline(String projectKey, String pipelineKey) {
        return pipeline(project(projectKey), pipelineKey);
    }

    /**
     * Progress of every release on a pipeline. {@code activeCount}, {@code completedCount} and {@code phases} cover
     * all of them; {@code totalCount} counts those the filter matched, before paging.
     */
    public synchronized ReleaseProgressionCollection progressions(String projectKey, String pipelineKey, String filter,
            Page page) {
        ProjectState project = project(projectKey);
        ReleasePipeline pipeline = pipeline(project, pipelineKey);
        Map<String, String> terms = ListParams.filter(filter, List.of("status", "activePhaseId"));
        String status = terms.get("status");
        String activePhaseId = terms.get("activePhaseId");
        if (status != null && !status.equals(LdWire.ACTIVE) && !status.equals(LdWire.COMPLETED)) {
            throw LdApiException.invalidRequest("filter status must be active or completed");
        }
        if (LdWire.COMPLETED.equals(status) && activePhaseId != null) {
            throw LdApiException.invalidRequest(
                    "filter status:completed and activePhaseId select disjoint releases; use one of them");
        }
        List<ReleaseProgression> all = project.releases.entrySet().stream()
                .filter(e -> e.getValue().release().releasePipelineKey().equals(pipelineKey))
                .map(e -> Releases.progression(projectKey, e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(ReleaseProgression::createdAt)
                        .thenComparing(ReleaseProgression::flagKey))
                .toList();
        Predicate<ReleaseProgression> matches = r -> true;
        if (status != null) {
            matches = matches.and(r -> (r.completedAt() != null) == status.equals(LdWire.COMPLETED));
        }
        if (activePhaseId != null) {
            matches = matches.and(r -> activePhaseId.equals(r.activePhaseId()));
        }
        List<ReleaseProgression> found = all.stream().filter(matches).toList();
        int completed = (int) all.stream().filter(r -> r.completedAt() != null).count();
        List<PhaseInfo> phases = pipeline.phases().stream()
                .map(phase -> new PhaseInfo(phase.id(), phase.name(),
                        (int) all.stream().filter(r -> phase.id().equals(r.activePhaseId())).count()))
                .toList();
        return new ReleaseProgressionCollection(all.size() - completed, completed, found.size(), page.slice(found),
                phases, LdWire.Link.self("/api/v2/projects/" + projectKey + "/release-pipelines/" + pipelineKey
                        + "/releases"));
    }

    private static boolean containsIgnoringCase(String value, String lowerCaseText) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(lowerCaseText);
    }

    private Transition transitionNow() {
        return new Transition(System.currentTimeMillis(), LaunchDarklySeed.SANDBOX_ACTOR, ids);
    }

    private static Release save(ProjectState project, String flagKey, StoredRelease stored, Release updated) {
        project.releases.put(flagKey, new StoredRelease(stored.createdAt(), updated));
        return updated;
    }

    private ProjectState project(String projectKey) {
        ProjectState project = projects.get(projectKey);
        if (project == null) {
            throw LdApiException.notFound("Unknown project " + projectKey);
        }
        return project;
    }

    private static void requireFlag(ProjectState project, String flagKey) {
        if (!project.flags.contains(flagKey)) {
            throw LdApiException.notFound("Unknown flag " + flagKey + " in project " + project.key);
        }
    }

    private static StoredRelease storedRelease(ProjectState project, String flagKey) {
        requireFlag(project, flagKey);
        return storedReleaseOr404(project, flagKey, "Flag " + flagKey + " has no release");
    }

    private static StoredRelease storedReleaseOr404(ProjectState project, String flagKey, String message) {
        StoredRelease stored = project.releases.get(flagKey);
        if (stored == null) {
            throw LdApiException.notFound(message);
        }
        return stored;
    }

    private static ReleasePipeline pipeline(ProjectState project, String pipelineKey) {
        ReleasePipeline pipeline = project.pipelines.get(pipelineKey);
        if (pipeline == null) {
            throw LdApiException.notFound("Unknown release pipeline " + pipelineKey + " in project " + project.key);
        }
        return pipeline;
    }

    /** The pipeline a release was built from; pipelines cannot be deleted in the sandbox, so it is always there. */
    private static ReleasePipeline pipelineOf(ProjectState project, Release release) {
        return pipeline(project, release.releasePipelineKey());
    }

    private static int phaseIndex(Release release, String phaseId) {
        for (int i = 0; i < release.phases().size(); i++) {
            if (release.phases().get(i).id().equals(phaseId)) {
                return i;
            }
        }
        throw LdApiException.notFound("release or phase not found");
    }

    private static void requireStartable(Release release, int index) {
        ReleasePhase phase = release.phases().get(index);
        if (phase.started()) {
            throw LdApiException.invalidRequest("Phase " + phase.name() + " has already started");
        }
        for (ReleasePhase earlier : release.phases().subList(0, index)) {
            if (!earlier.complete()) {
                throw LdApiException.invalidRequest("Phase " + phase.name() + " cannot start before phase "
                        + earlier.name() + " is complete");
            }
        }
    }

    /** Applies {@code audiences[]} of an UpdatePhaseStatusInput to the phase's audiences, matched by {@code _id}. */
    private static ReleasePhase withAudienceSettings(ReleasePhase phase, List<ReleaserAudienceConfigInput> inputs) {
        if (inputs == null || inputs.isEmpty()) {
            return phase;
        }
        List<ReleaseAudience> audiences = new ArrayList<>(phase.audiences());
        for (ReleaserAudienceConfigInput input : inputs) {
            int at = audiences.stream().map(ReleaseAudience::id).toList().indexOf(input.audienceId());
            if (at < 0) {
                throw LdApiException.invalidRequest(
                        "Audience " + input.audienceId() + " is not an audience of phase " + phase.name());
            }
            ReleaseAudience audience = audiences.get(at);
            audiences.set(at, audience.withConfiguration(merge(audience, input)));
        }
        return phase.withAudiences(List.copyOf(audiences));
    }

    private static AudienceConfiguration merge(ReleaseAudience audience, ReleaserAudienceConfigInput input) {
        AudienceConfiguration current = audience.configuration();
        ReleaseGuardianConfiguration guardian = current.releaseGuardianConfiguration();
        ReleaseGuardianConfigurationInput guardianInput = input.releaseGuardianConfiguration();
        if (guardianInput != null) {
            if (guardian == null) {
                throw LdApiException.invalidRequest("Audience " + audience.name()
                        + " is not a guarded rollout; releaseGuardianConfiguration does not apply");
            }
            guardian = new ReleaseGuardianConfiguration(
                    orElse(guardianInput.monitoringWindowMilliseconds(), guardian.monitoringWindowMilliseconds()),
                    orElse(guardianInput.rolloutWeight(), guardian.rolloutWeight()),
                    orElse(guardianInput.rollbackOnRegression(), guardian.rollbackOnRegression()),
                    orElse(guardianInput.randomizationUnit(), guardian.randomizationUnit()));
        }
        return new AudienceConfiguration(current.releaseStrategy(), current.requireApproval(),
                orElse(input.notifyMemberIds(), current.notifyMemberIds()),
                orElse(input.notifyTeamKeys(), current.notifyTeamKeys()), guardian);
    }

    /** The input value when the client sent one, else what the audience already has. */
    private static <T> T orElse(T input, T current) {
        return input != null ? input : current;
    }
}
