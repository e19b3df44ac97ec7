package io.releasegraph.sandbox.launchdarkly;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.releasegraph.sandbox.launchdarkly.LdWire.Audience;
import io.releasegraph.sandbox.launchdarkly.LdWire.AudienceConfiguration;
import io.releasegraph.sandbox.launchdarkly.LdWire.CompletedBy;
import io.releasegraph.sandbox.launchdarkly.LdWire.EnvironmentSummary;
import io.releasegraph.sandbox.launchdarkly.LdWire.Link;
import io.releasegraph.sandbox.launchdarkly.LdWire.MemberSummary;
import io.releasegraph.sandbox.launchdarkly.LdWire.Phase;
import io.releasegraph.sandbox.launchdarkly.LdWire.Release;
import io.releasegraph.sandbox.launchdarkly.LdWire.ReleaseGuardianConfiguration;
import io.releasegraph.sandbox.launchdarkly.LdWire.ReleasePipeline;

/**
 * The sandbox's starting data: projects {@code web-app} and {@code mobile-app}, each with a legacy pipeline
 * ({@code standard-rollout}) and a new one ({@code guarded-rollout}), and flags whose releases stand part-way.
 * Everything is fixed (dates, ids in creation order) so tests and demos see the same data after every reset.
 */
final class LaunchDarklySeed {

    static final String MEMBER_ID = "65f1c0de00000000000000aa";

    /** The member behind the sandbox token; it is who completes phases ({@code _completedBy.member}). */
    static final MemberSummary SANDBOX_MEMBER = new MemberSummary(MEMBER_ID, Link.self("/api/v2/members/" + MEMBER_ID),
            "release.bot@releasegraph.example", "admin", "Release", "Bot");

    static final CompletedBy SANDBOX_ACTOR = new CompletedBy(SANDBOX_MEMBER);

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    /** 2026-01-05T09:00:00Z, the sandbox's "beginning of time". */
    private static final long EPOCH = Instant.parse("2026-01-05T09:00:00Z").toEpochMilli();

    private final IdSequence ids;

    private LaunchDarklySeed(IdSequence ids) {
        this.ids = ids;
    }

    static Map<String, ProjectState> create(IdSequence ids) {
        return new LaunchDarklySeed(ids).projects();
    }

    private Map<String, ProjectState> projects() {
        Map<String, ProjectState> projects = new LinkedHashMap<>();

        ProjectState web = project("web-app");
        addPipeline(web, standardRollout(web, EPOCH));
        addPipeline(web, guardedRollout(web, EPOCH + DAY));
        addPipeline(web, hotfixFastTrack(web, EPOCH + 2 * DAY));
        web.flags.addAll(List.of("new-checkout-flow", "dark-mode", "search-v2", "recommendations-widget",
                "legacy-banner"));
        // legacy pipeline: Development done, Staging under way
        addRelease(web, "new-checkout-flow", "standard-rollout", EPOCH + 10 * DAY, 1, true);
        // new pipeline: Testing done, Beta (approval) under way
        addRelease(web, "dark-mode", "guarded-rollout", EPOCH + 12 * DAY, 1, true);
        // new pipeline: every phase done
        addRelease(web, "search-v2", "guarded-rollout", EPOCH + 5 * DAY, 3, false);
        // legacy pipeline: just added, nothing started
        addRelease(web, "recommendations-widget", "standard-rollout", EPOCH + 20 * DAY, 0, false);
        // "legacy-banner" has no release

        ProjectState mobile = project("mobile-app");
        addPipeline(mobile, standardRollout(mobile, EPOCH + 3 * DAY));
        addPipeline(mobile, guardedRollout(mobile, EPOCH + 4 * DAY));
        mobile.flags.addAll(List.of("biometric-login", "offline-mode", "push-reminders"));
        addRelease(mobile, "biometric-login", "standard-rollout", EPOCH + 15 * DAY, 1, false);
        addRelease(mobile, "offline-mode", "guarded-rollout", EPOCH + 18 * DAY, 0, true);
        // "push-reminders" has no release

        projects.put(web.key, web);
        projects.put(mobile.key, mobile);
        return projects;
    }

    private static ProjectState project(String key) {
        ProjectState project = new ProjectState(key);
        environment(project, "development", "Development", "7B42BC");
        environment(project, "staging", "Staging", "F5A623");
        environment(project, "production", "Production", "D0021B");
        return project;
    }

    private static void environment(ProjectState project, String key, String name, String color) {
        project.environments.put(key, new EnvironmentSummary(
                Link.self("/api/v2/projects/" + project.key + "/environments/" + key), key, name, color));
    }

    private static void addPipeline(ProjectState project, ReleasePipeline pipeline) {
        project.pipelines.put(pipeline.key(), pipeline);
    }

    private ReleasePipeline standardRollout(ProjectState p, long createdAt) {
        return pipeline("standard-rollout", "Standard rollout",
                "Development, then staging, then production; phases are ticked off by hand", createdAt,
                List.of("default"), true, true,
                phase("Development", audience(p, "development", "Development", immediate(), List.of())),
                phase("Staging", audience(p, "staging", "Staging", immediate(), List.of())),
                phase("Production", audience(p, "production", "Production", immediate(), List.of())));
    }

    private ReleasePipeline guardedRollout(ProjectState p, long createdAt) {
        return pipeline("guarded-rollout", "Guarded rollout",
                "Automated release: internal testing, an approved beta, then a guarded rollout to everyone", createdAt,
                List.of("automated", "guarded"), false, false,
                phase("Testing",
                        audience(p, "development", "Developers", immediate(), List.of()),
                        audience(p, "staging", "QA", immediate(), List.of("qa-team"))),
                phase("Beta", audience(p, "production", "Beta testers",
                        new AudienceConfiguration("immediate-rollout", true, List.of(MEMBER_ID),
                                List.of("release-managers"), null),
                        List.of("beta-testers"))),
                phase("General availability", audience(p, "production", "Everyone",
                        new AudienceConfiguration("guarded-rollout", false, List.of(), List.of(),
                                new ReleaseGuardianConfiguration(3_600_000L, 25, true, "user")),
                        List.of())));
    }

    private ReleasePipeline hotfixFastTrack(ProjectState p, long createdAt) {
        return pipeline("hotfix-fast-track", "Hotfix fast track",
                "Skips development: a staging smoke test, then production", createdAt, List.of("hotfix"), false, false,
                phase("Staging smoke test", audience(p, "staging", "Staging", immediate(), List.of())),
                phase("Production", audience(p, "production", "Production", immediate(), List.of())));
    }

    private ReleasePipeline pipeline(String key, String name, String description, long createdAt, List<String> tags,
            boolean projectDefault, boolean legacy, PhaseDraft... drafts) {
        List<Phase> phases = new ArrayList<>();
        for (PhaseDraft draft : drafts) {
            phases.add(new Phase(ids.next(), draft.name(), draft.audiences(), Map.of()));
        }
        return new ReleasePipeline(key, name, description, Instant.ofEpochMilli(createdAt).toString(),
                List.copyOf(phases), tags, 1, projectDefault, legacy);
    }

    /** A phase before it has an id, so ids are handed out in a fixed order. */
    private record PhaseDraft(String name, List<Audience> audiences) {
    }

    private static PhaseDraft phase(String name, Audience... audiences) {
        return new PhaseDraft(name, List.of(audiences));
    }

    private static Audience audience(ProjectState p, String envKey, String name, AudienceConfiguration configuration,
            List<String> segmentKeys) {
        return new Audience(p.environment(envKey), name, configuration, segmentKeys);
    }

    private static AudienceConfiguration immediate() {
        return new AudienceConfiguration("immediate-rollout", false, List.of(), List.of(), null);
    }

    /**
     * Adds a release with its first {@code completed} phases done (a day apart) and, if {@code nextStarted}, the
     * phase after them started; each change bumps {@code _version} as the API would.
     */
    private void addRelease(ProjectState project, String flagKey, String pipelineKey, long createdAt, int completed,
            boolean nextStarted) {
        Release release = Releases.fromPipeline(project.key, flagKey, project.pipelines.get(pipelineKey), null,
                createdAt, ids);
        for (int i = 0; i < completed; i++) {
            long startedAt = createdAt + i * DAY + HOUR;
            release = release.changePhase(i, new Transition(startedAt, SANDBOX_ACTOR, ids)::start);
            release = release.changePhase(i, new Transition(startedAt + 6 * HOUR, SANDBOX_ACTOR, ids)::complete);
        }
        if (nextStarted) {
            long startedAt = createdAt + completed * DAY + HOUR;
            release = release.changePhase(completed, new Transition(startedAt, SANDBOX_ACTOR, ids)::start);
        }
        project.releases.put(flagKey, new ProjectState.StoredRelease(createdAt, release));
    }
}
