package io.releasegraph.sandbox.trifacta;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.releasegraph.sandbox.trifacta.TrifactaJson.DataList;
import io.releasegraph.sandbox.trifacta.TrifactaJson.Deployment;
import io.releasegraph.sandbox.trifacta.TrifactaJson.Flow;
import io.releasegraph.sandbox.trifacta.TrifactaJson.ImportResult;
import io.releasegraph.sandbox.trifacta.TrifactaJson.ImportRuleChanges;
import io.releasegraph.sandbox.trifacta.TrifactaJson.Job;
import io.releasegraph.sandbox.trifacta.TrifactaJson.JobGroup;
import io.releasegraph.sandbox.trifacta.TrifactaJson.JobStarted;
import io.releasegraph.sandbox.trifacta.TrifactaJson.PatchResult;
import io.releasegraph.sandbox.trifacta.TrifactaJson.Ref;
import io.releasegraph.sandbox.trifacta.TrifactaJson.Release;
import io.releasegraph.sandbox.trifacta.TrifactaJson.RunOverride;
import io.releasegraph.sandbox.trifacta.TrifactaJson.RunParameters;
import io.releasegraph.sandbox.trifacta.TrifactaSandboxSeed.SeedDeployment;
import io.releasegraph.sandbox.trifacta.TrifactaSandboxSeed.SeedJobGroup;
import io.releasegraph.sandbox.trifacta.TrifactaSandboxSeed.SeedRelease;

/**
 * The state of the simulated Deployment Manager: deployments, releases and job groups.
 * <p>
 * Every public method is {@code synchronized}: the sandbox serves demo and test traffic, so one lock
 * is simpler than finer ones and keeps invariants such as "at most one active release per deployment"
 * trivially true. Methods return immutable wire records, never the mutable rows.
 * <p>
 * A job group's status is derived from the clock: {@code InProgress} until the configured
 * {@code job-duration} has passed since it was created, then {@code Complete}, or {@code Failed} when
 * the run was started with the override {@code simulateFailure=true}.
 */
@ApplicationScoped
public class TrifactaSandboxState {

    /** The user every authenticated sandbox call acts as: the sandbox has one set of credentials. */
    static final int API_USER_ID = 7;

    /** Run override that makes the run end {@code Failed} instead of {@code Complete}. */
    static final String SIMULATE_FAILURE = "simulateFailure";

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String FAILURE_MESSAGE = "Simulated failure: the output could not be written";
    private static final int WORKSPACE_ID = 1;
    private static final int FIRST_FLOW_ID = 100;

    private final Duration jobDuration;
    private final Clock clock;
    private final Map<Integer, DeploymentRow> deployments = new TreeMap<>();
    private final Map<Integer, ReleaseRow> releases = new TreeMap<>();
    private final Map<Integer, JobGroupRow> jobGroups = new TreeMap<>();
    private int lastReleaseId;
    private int lastJobGroupId;
    private int lastJobId;
    private int lastFlowId;

    public TrifactaSandboxState(TrifactaSandboxConfig config, Clock clock) {
        this.jobDuration = config.jobDuration();
        this.clock = clock;
        loadSeed();
    }

    /** The fields a PATCH sent; {@code active == null} means unchanged, and {@code notes} counts only when patched. */
    public record ReleasePatch(Boolean active, boolean notesPatched, String notes) {
    }

    /** Drops every change and restores the seed. */
    public synchronized void reset() {
        loadSeed();
    }

    public synchronized List<Deployment> deployments(Paging page, boolean embedReleases) {
        return page.apply(List.copyOf(deployments.values())).stream()
                .map(d -> toDeployment(d, embedReleases ? Paging.ALL : null))
                .toList();
    }

    /** @param releasePage which embedded releases to include, or {@code null} not to embed them */
    public synchronized Deployment deployment(int id, Paging releasePage) {
        return toDeployment(requireDeployment(id), releasePage);
    }

    /** All live releases, or those of one deployment when {@code deploymentId} is given. */
    public synchronized List<Release> releases(Integer deploymentId, Paging page) {
        if (deploymentId != null) {
            requireDeployment(deploymentId);
        }
        List<ReleaseRow> matching = releases.values().stream()
                .filter(r -> !r.deleted && (deploymentId == null || r.deploymentId == deploymentId))
                .toList();
        return page.apply(matching).stream().map(this::toRelease).toList();
    }

    public synchronized Release release(int id) {
        return toRelease(requireLiveRelease(id));
    }

    public synchronized PatchResult patchRelease(int id, ReleasePatch patch) {
        ReleaseRow release = requireLiveRelease(id);
        Instant now = now();
        if (patch.notesPatched()) {
            release.notes = patch.notes();
        }
        if (Boolean.TRUE.equals(patch.active())) {
            activate(release, now);
        } else if (Boolean.FALSE.equals(patch.active())) {
            release.active = false;
        }
        release.touch(now);
        return new PatchResult(release.id, new Ref(release.updaterId), format(now));
    }

    /** Soft delete: later reads answer 410, and a deleted active release leaves its deployment with none. */
    public synchronized void deleteRelease(int id) {
        ReleaseRow release = requireLiveRelease(id);
        release.deleted = true;
        release.active = false;
        release.touch(now());
    }

    /**
     * Imports a flow package as a new release, which becomes the deployment's active one. A dry run
     * answers the same result without {@code release} and changes nothing.
     */
    public synchronized ImportResult importPackage(int deploymentId, String flowName, boolean dryRun) {
        DeploymentRow deployment = requireDeployment(deploymentId);
        Instant now = now();
        int flowId = lastFlowId + 1;
        Release created = null;
        if (!dryRun) {
            lastFlowId = flowId;
            ReleaseRow release = addRelease(deployment, flowName, UUID.randomUUID().toString(), now, API_USER_ID);
            activate(release, now);
            deployment.updatedAt = now;
            deployment.updaterId = API_USER_ID;
            created = toRelease(release);
        }
        Flow flow = new Flow(flowId, flowName, null, null, null, WORKSPACE_ID, format(now), format(now),
                API_USER_ID, API_USER_ID, null);
        return new ImportResult(new ImportRuleChanges(List.of(), List.of()), Map.of(), List.of(flowId),
                List.of(flow), List.of(), List.of(), List.of(), created);
    }

    /** Starts a job group for the deployment's active release; 400 when it has none (D2). */
    public synchronized JobStarted run(int deploymentId, List<RunOverride> overrides) {
        DeploymentRow deployment = requireDeployment(deploymentId);
        ReleaseRow active = liveReleases(deploymentId).stream()
                .filter(r -> r.active)
                .findFirst()
                .orElseThrow(() -> TrifactaApiException.validation("Deployment " + deploymentId + " has no active release",
                        "Activate a release (PATCH /v4/releases/{id} with {\"active\": true}) or import a package first"));
        boolean failing = overrides.stream()
                .anyMatch(o -> o.key().equals(SIMULATE_FAILURE) && o.value().equalsIgnoreCase("true"));
        JobGroupRow group = addJobGroup(deployment, active, now(), jobDuration, failing, overrides, API_USER_ID);
        // derived from the job group, not random: runs from the same seeded state answer the same session
        UUID session = UUID.nameUUIDFromBytes(("trifacta-sandbox-session-" + group.id()).getBytes(StandardCharsets.UTF_8));
        return new JobStarted("JobStarted", session.toString(), group.id());
    }

    /** One page of every job group, by ID (= creation order), newest first when asked. */
    public synchronized List<JobGroup> jobGroups(Paging page, boolean newestFirst, boolean embedJobs) {
        List<Integer> ids = new ArrayList<>(jobGroups.keySet());
        if (newestFirst) {
            java.util.Collections.reverse(ids);
        }
        return page.apply(ids).stream().map(id -> jobGroup(id, embedJobs)).toList();
    }

    public synchronized JobGroup jobGroup(int id, boolean embedJobs) {
        JobGroupRow group = requireJobGroup(id);
        Instant now = now();
        Ref creator = new Ref(group.creatorId());
        return new JobGroup(group.id(), group.name(), null, "deployment", "recipe", status(group, now), false,
                format(group.createdAt()), format(min(now, group.endsAt())), creator, creator,
                new Ref(group.deploymentId()), new Ref(group.releaseId()),
                new RunParameters(new DataList<>(group.overrides())),
                embedJobs ? new DataList<>(toJobs(group, now)) : null);
    }

    public synchronized String jobGroupStatus(int id) {
        return status(requireJobGroup(id), now());
    }

    public synchronized List<Job> jobs(int jobGroupId) {
        return toJobs(requireJobGroup(jobGroupId), now());
    }

    private void loadSeed() {
        deployments.clear();
        releases.clear();
        jobGroups.clear();
        lastReleaseId = 0;
        lastJobGroupId = 0;
        lastJobId = 0;
        lastFlowId = FIRST_FLOW_ID;
        for (SeedDeployment seed : TrifactaSandboxSeed.DEPLOYMENTS) {
            DeploymentRow deployment = new DeploymentRow(deployments.size() + 1, seed);
            deployments.put(deployment.id, deployment);
            List<SeedRelease> seeded = seed.releases();
            for (int i = 0; i < seeded.size(); i++) {
                SeedRelease s = seeded.get(i);
                ReleaseRow release = addRelease(deployment, s.notes(), s.packageUuid(), s.createdAt(), seed.creatorId());
                release.active = s.active();
                // a release that is neither active nor the newest was switched off when its successor came in
                if (!s.active() && i + 1 < seeded.size()) {
                    release.updatedAt = seeded.get(i + 1).createdAt();
                }
                deployment.updatedAt = s.createdAt();
            }
        }
        for (SeedJobGroup seed : TrifactaSandboxSeed.JOB_GROUPS) {
            DeploymentRow deployment = deployments.get(seed.deploymentId());
            ReleaseRow active = liveReleases(deployment.id).stream().filter(r -> r.active).findFirst().orElseThrow();
            addJobGroup(deployment, active, seed.createdAt(), TrifactaSandboxSeed.SEEDED_RUN_TIME, seed.failed(),
                    seed.overrides(), deployment.creatorId);
        }
    }

    private ReleaseRow addRelease(DeploymentRow deployment, String notes, String packageUuid, Instant createdAt,
            int creatorId) {
        ReleaseRow release = new ReleaseRow(++lastReleaseId, deployment.id, notes, packageUuid, createdAt, creatorId);
        releases.put(release.id, release);
        return release;
    }

    /** One wrangle job, then one file-writer job per output of the flow. */
    private JobGroupRow addJobGroup(DeploymentRow deployment, ReleaseRow release, Instant start, Duration runTime,
            boolean failing, List<RunOverride> overrides, int creatorId) {
        List<String> jobTypes = new ArrayList<>();
        jobTypes.add("wrangle");
        for (int i = 0; i < deployment.outputs; i++) {
            jobTypes.add("filewriter");
        }
        JobGroupRow group = new JobGroupRow(++lastJobGroupId, deployment.id, release.id, release.notes, start,
                start.plus(runTime), failing, List.copyOf(overrides), lastJobId + 1, List.copyOf(jobTypes), creatorId);
        lastJobId += jobTypes.size();
        jobGroups.put(group.id(), group);
        return group;
    }

    /** D1: one active release per deployment. */
    private void activate(ReleaseRow release, Instant now) {
        for (ReleaseRow other : liveReleases(release.deploymentId)) {
            if (other.active && other != release) {
                other.active = false;
                other.touch(now);
            }
        }
        release.active = true;
    }

    private List<ReleaseRow> liveReleases(int deploymentId) {
        return releases.values().stream().filter(r -> !r.deleted && r.deploymentId == deploymentId).toList();
    }

    private Deployment toDeployment(DeploymentRow deployment, Paging releasePage) {
        List<ReleaseRow> live = liveReleases(deployment.id);
        // ids grow with creation time, so the last live release is the latest
        Release latest = live.isEmpty() ? null : toRelease(live.get(live.size() - 1));
        DataList<Release> embedded = releasePage == null
                ? null
                : new DataList<>(releasePage.apply(live).stream().map(this::toRelease).toList());
        return new Deployment(deployment.id, deployment.name, format(deployment.createdAt), format(deployment.updatedAt),
                live.size(), latest, new Ref(deployment.creatorId), new Ref(deployment.updaterId), embedded);
    }

    private Release toRelease(ReleaseRow release) {
        return new Release(release.id, release.notes, release.packageUuid, release.active ? Boolean.TRUE : null,
                format(release.createdAt), format(release.updatedAt), new Ref(release.deploymentId),
                new Ref(release.creatorId), new Ref(release.updaterId));
    }

    /**
     * Jobs run one after another, each taking an equal share of the group's run time. When the run
     * fails, the last job fails half-way.
     */
    private List<Job> toJobs(JobGroupRow group, Instant now) {
        int count = group.jobTypes().size();
        long totalMillis = Duration.between(group.createdAt(), group.endsAt()).toMillis();
        List<Job> jobs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant start = group.createdAt().plusMillis(totalMillis * i / count);
            Instant end = group.createdAt().plusMillis(totalMillis * (i + 1) / count);
            boolean failsHere = group.failing() && i == count - 1;
            boolean done = !now.isBefore(end);
            int percent = done ? 100 : (int) Math.max(0, 100 * Duration.between(start, now).toMillis()
                    / Math.max(1, Duration.between(start, end).toMillis()));
            String status = done ? (failsHere ? "Failed" : "Complete") : now.isBefore(start) ? "Pending" : "InProgress";
            Instant updatedAt = now.isBefore(start) ? group.createdAt() : min(now, end);
            jobs.add(new Job(group.firstJobId() + i, status, group.jobTypes().get(i),
                    failsHere ? Math.min(percent, 50) : percent, format(group.createdAt()), format(updatedAt),
                    new Ref(group.creatorId()), new Ref(group.id()),
                    failsHere && done ? FAILURE_MESSAGE : null));
        }
        return jobs;
    }

    private static String status(JobGroupRow group, Instant now) {
        if (now.isBefore(group.endsAt())) {
            return "InProgress";
        }
        return group.failing() ? "Failed" : "Complete";
    }

    private DeploymentRow requireDeployment(int id) {
        DeploymentRow deployment = deployments.get(id);
        if (deployment == null) {
            throw TrifactaApiException.notFound("Deployment", id);
        }
        return deployment;
    }

    private ReleaseRow requireLiveRelease(int id) {
        ReleaseRow release = releases.get(id);
        if (release == null) {
            throw TrifactaApiException.notFound("Release", id);
        }
        if (release.deleted) {
            throw TrifactaApiException.gone("Release", id);
        }
        return release;
    }

    private JobGroupRow requireJobGroup(int id) {
        JobGroupRow group = jobGroups.get(id);
        if (group == null) {
            throw TrifactaApiException.notFound("JobGroup", id);
        }
        return group;
    }

    private Instant now() {
        // the wire format has milliseconds; keep stored instants equal to what clients read
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static String format(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    private static final class DeploymentRow {
        final int id;
        final String name;
        final Instant createdAt;
        final int creatorId;
        /** Number of manual outputs of the deployed flow: one file-writer job each per run. */
        final int outputs;
        Instant updatedAt;
        int updaterId;

        DeploymentRow(int id, SeedDeployment seed) {
            this.id = id;
            this.name = seed.name();
            this.createdAt = seed.createdAt();
            this.creatorId = seed.creatorId();
            this.outputs = seed.outputs();
            this.updatedAt = seed.createdAt();
            this.updaterId = seed.creatorId();
        }
    }

    private static final class ReleaseRow {
        final int id;
        final int deploymentId;
        final String packageUuid;
        final Instant createdAt;
        final int creatorId;
        String notes;
        boolean active;
        boolean deleted;
        Instant updatedAt;
        int updaterId;

        ReleaseRow(int id, int deploymentId, String notes, String packageUuid, Instant createdAt, int creatorId) {
            this.id = id;
            this.deploymentId = deploymentId;
            this.notes = notes;
            this.packageUuid = packageUuid;
            this.createdAt = createdAt;
            this.creatorId = creatorId;
            this.updatedAt = createdAt;
            this.updaterId = creatorId;
        }

        void touch(Instant now) {
            updatedAt = now;
            updaterId = API_USER_ID;
        }
    }

    private record JobGroupRow(int id, int deploymentId, int releaseId, String name, Instant createdAt,
            Instant endsAt, boolean failing, List<RunOverride> overrides, int firstJobId, List<String> jobTypes,
            int creatorId) {
    }
}
