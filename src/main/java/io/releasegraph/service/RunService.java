package io.releasegraph.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.releasegraph.cache.CacheKey;
import io.releasegraph.cache.CacheTypes;
import io.releasegraph.cache.UpstreamCache;
import io.releasegraph.cache.Validators;
import io.releasegraph.domain.Deployment;
import io.releasegraph.domain.GlobalId;
import io.releasegraph.domain.JobGroup;
import io.releasegraph.domain.Node;
import io.releasegraph.domain.Release;
import io.releasegraph.domain.ReleaseEvent;
import io.releasegraph.domain.ReleaseEventType;
import io.releasegraph.domain.RunDeploymentPayload;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.domain.RunParameter;
import io.releasegraph.error.ConflictException;
import io.releasegraph.error.GatewayException;
import io.releasegraph.error.NotFoundException;
import io.releasegraph.error.ValidationException;
import io.releasegraph.provider.trifacta.Trifacta;
import io.releasegraph.store.RunHistory;
import io.smallrye.mutiny.Uni;

/** Runs of deployments: starting one at most once per idempotency key, and following job groups. */
@ApplicationScoped
public class RunService implements SourceReads {

    static final String OPERATION = "runDeployment";
    static final String JOB_GROUP = "jobGroup";
    /** The schema type in job groups' global IDs. */
    static final String JOB_GROUP_TYPE = "JobGroup";

    /** How far Trifacta's clock may be behind the store's when a retry looks for the run its intent started. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(2);
    /** How many of Trifacta's newest job groups a reconciling retry reads. */
    static final int RECONCILE_PAGE = 100;

    private final Trifacta trifacta;
    private final DeploymentService deployments;
    private final Idempotency idempotency;
    private final RunHistory history;
    private final UpstreamCache cache;
    private final ReleaseEventBus events;

    RunService(Trifacta trifacta, DeploymentService deployments, Idempotency idempotency,
            RunHistory history, UpstreamCache cache, ReleaseEventBus events) {
        this.cache = cache;
        this.events = events;
        this.trifacta = trifacta;
        this.deployments = deployments;
        this.idempotency = idempotency;
        this.history = history;
    }

    @Override
    public String source() {
        return ReleaseSource.TRIFACTA.key();
    }

    @Override
    public Optional<Uni<Release>> release(GlobalId id) {
        return Optional.empty();
    }

    /** A job group, from the run history and the cache. */
    @Override
    public Optional<Uni<Node>> node(GlobalId id) {
        if (!JOB_GROUP_TYPE.equals(id.type())) {
            return Optional.empty();
        }
        return Optional.of(jobGroup(id.numericId().orElseThrow(SourceReads::malformed)).map(Node.class::cast));
    }

    public Uni<RunDeploymentPayload> run(long deploymentId, List<RunParameter> parameters, String idempotencyKey) {
        return idempotency.once(idempotencyKey, new Idempotency.Keyed<>(OPERATION, fingerprint(deploymentId, parameters),
                deploymentId, history.json(parameters),
                sending -> start(deploymentId, parameters, idempotencyKey, sending),
                started -> started.sessionId() == null ? String.valueOf(started.group().externalId())
                        : started.group().externalId() + " " + started.sessionId(),
                stored -> {
                    // "<job group id>" or "<job group id> <session id>"
                    String[] parts = stored.split(" ", 2);
                    return jobGroup(Long.parseLong(parts[0]))
                            .map(group -> new Started(group, parts.length > 1 ? parts[1] : null));
                },
                // a reconciled run's session is not known again: Trifacta's job group does not carry it
                since -> startedSince(deploymentId, parameters, idempotencyKey, since)
                        .map(found -> found.map(group -> new Started(group, null))),
                idempotency.settle(),
                "A run with this idempotency key is still being started by another request; retry with the same key "
                        + "in a few seconds: it answers that run once it is known."))
                .map(outcome -> new RunDeploymentPayload(outcome.value().group(), outcome.value().sessionId(),
                        outcome.replayed()));
    }

    public Uni<JobGroup> jobGroup(long id) {
        return findJobGroup(id).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().failure(new NotFoundException("Trifacta has no job group " + id + ".",
                        "trifacta", 404, null));
            }
            return withDeployment(found.get());
        });
    }

    /** One page of runs per deployment, in the order of the input. */
    public record RunsPage(List<JobGroup> groups, List<String> cursors, boolean hasNextPage, long totalCount) {
    }

    /**
     * The runs of each deployment, newest first, in the order of the input (batched field): the database pages
     * (keyset after the cursor) and counts, and only the page's job groups are read, through the cache, all at once.
     */
    public Uni<List<RunsPage>> runsOf(List<Deployment> of, int first, String after) {
        List<Long> ids = of.stream().map(Deployment::externalId).toList();
        RunHistory.Position position = after == null ? null : RunCursor.decode(after);
        return history.pages(ids, first + 1, position).chain(pages -> {
            List<RunHistory.Run> wanted = ids.stream()
                    .flatMap(id -> pages.runs().getOrDefault(id, List.of()).stream().limit(first)).toList();
            Uni<List<Optional<JobGroup>>> groups = wanted.isEmpty() ? Uni.createFrom().item(List.of())
                    : Uni.join().all(wanted.stream().map(run -> findJobGroup(run.jobGroupId())
                            .map(found -> found.map(group -> attach(group, run.deploymentId())))).toList())
                            .andFailFast();
            return groups.map(found -> {
                Map<Long, Optional<JobGroup>> byId = new HashMap<>();
                for (int i = 0; i < wanted.size(); i++) {
                    byId.put(wanted.get(i).jobGroupId(), found.get(i));
                }
                return ids.stream().map(id -> {
                    List<RunHistory.Run> rows = pages.runs().getOrDefault(id, List.of());
                    List<JobGroup> page = new ArrayList<>();
                    List<String> cursors = new ArrayList<>();
                    rows.stream().limit(first).forEach(run -> byId.get(run.jobGroupId()).ifPresent(group -> {
                        page.add(group);
                        cursors.add(RunCursor.encode(run));
                    }));
                    return new RunsPage(page, cursors, rows.size() > first, pages.counts().getOrDefault(id, 0L));
                }).toList();
            });
        });
    }

    /** The run's job group, with the session Trifacta reported for it. */
    private record Started(JobGroup group, String sessionId) {
    }

    private Uni<Started> start(long deploymentId, List<RunParameter> parameters, String key,
            Idempotency.Sending sending) {
        return deployments.deployment(deploymentId).chain(deployment -> {
            if (deployment.activeRelease().isEmpty()) {
                return Uni.createFrom().failure(new ConflictException("Deployment \"" + deployment.name()
                        + "\" has no active release to run; activate one first."));
            }
            return sending.now().chain(() -> trifacta.start(deploymentId, parameters))
                    .onFailure(ValidationException.class).transform(rejected -> new ConflictException(
                            "Trifacta refused to run deployment \"" + deployment.name()
                                    + "\"; it may have no active release any more.",
                            "trifacta", ((GatewayException) rejected).httpStatus().orElse(400), null))
                    .call(started -> history.record(started.jobGroupId(), deploymentId, parameters, key)
                            // Trifacta started the run: answer its job group rather than lose it behind an error
                            .onFailure().recoverWithItem(failure -> {
                                Log.errorf(failure, "Trifacta started job group %d of deployment %d, but the run "
                                        + "could not be recorded: it will be missing from deployment.runs",
                                        started.jobGroupId(), deploymentId);
                                return null;
                            }))
                    .chain(started -> trifacta.findJobGroup(started.jobGroupId(), Validators.NONE).map(found -> found.value()
                            .map(group -> new Started(attach(group, deploymentId), started.sessionId()))
                            .orElseThrow(() -> new NotFoundException("Trifacta lost job group " + started.jobGroupId() + ".",
                                    "trifacta", 404, null))))
                    .invoke(started -> events.publish(ReleaseEvent.byGateway(ReleaseEventType.DEPLOYMENT_RUN_STARTED,
                            deployment.activeRelease().get())));
        });
    }

    /**
     * The job group a keyed run started, when its answer was lost (timeout, a replica killed): among Trifacta's newest
     * job groups, the oldest one of this deployment created since the intent was sent (less {@link #CLOCK_SKEW})
     * that no other run of the gateway holds. The documents do not say how to list one deployment's job groups; this
     * reads the job group list and its {@code deployment} reference (README, "Resilience").
     */
    private Uni<Optional<JobGroup>> startedSince(long deploymentId, List<RunParameter> parameters, String key,
            OffsetDateTime since) {
        OffsetDateTime from = since.minus(CLOCK_SKEW);
        return trifacta.recentJobGroups(RECONCILE_PAGE).chain(recent -> {
            List<JobGroup> candidates = recent.stream()
                    .filter(group -> Long.valueOf(deploymentId).equals(group.deploymentExternalId()))
                    .filter(group -> group.createdAt() != null && !group.createdAt().isBefore(from))
                    .sorted(Comparator.comparing(JobGroup::createdAt).thenComparing(JobGroup::externalId))
                    .toList();
            return adoptFirst(candidates, 0, deploymentId, parameters, key);
        });
    }

    private Uni<Optional<JobGroup>> adoptFirst(List<JobGroup> candidates, int index, long deploymentId,
            List<RunParameter> parameters, String key) {
        if (index >= candidates.size()) {
            return Uni.createFrom().item(Optional.empty());
        }
        JobGroup candidate = candidates.get(index);
        return history.adopt(candidate.externalId(), deploymentId, parameters, key).chain(ours -> ours
                ? Uni.createFrom().item(Optional.of(candidate))
                : adoptFirst(candidates, index + 1, deploymentId, parameters, key));
    }

    /** Cursors of deployment.runs: the keyset position (created_at, job_group_id) of a run, opaque to clients. */
    static final class RunCursor {

        private static final String PREFIX = "run:";

        private RunCursor() {
        }

        static String encode(RunHistory.Run run) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (PREFIX + run.createdAt().toInstant() + "/" + run.jobGroupId()).getBytes(StandardCharsets.UTF_8));
        }

        static RunHistory.Position decode(String cursor) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int slash = decoded.lastIndexOf('/');
                if (decoded.startsWith(PREFIX) && slash > PREFIX.length()) {
                    return new RunHistory.Position(OffsetDateTime.ofInstant(
                            Instant.parse(decoded.substring(PREFIX.length(), slash)), ZoneOffset.UTC),
                            Long.parseLong(decoded.substring(slash + 1)));
                }
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                // falls through to the VALIDATION error
            }
            throw new ValidationException("after",
                    "`after` is not a cursor from this list; pass a `cursor` or `pageInfo.endCursor` you received.");
        }
    }

    private Uni<java.util.Optional<JobGroup>> findJobGroup(long id) {
        return cache.getRevalidating(CacheKey.of(ReleaseSource.TRIFACTA, JOB_GROUP, id),
                CacheTypes.optionalOf(JobGroup.class), validators -> trifacta.findJobGroup(id, validators));
    }

    private Uni<JobGroup> withDeployment(JobGroup group) {
        if (group.deploymentExternalId() != null) {
            return Uni.createFrom().item(group);
        }
        return history.find(group.externalId())
                .map(run -> run.map(found -> attach(group, found.deploymentId())).orElse(group));
    }

    private static JobGroup attach(JobGroup group, long deploymentId) {
        return new JobGroup(group.id(), group.externalId(), deploymentId, group.status(), group.createdAt(),
                group.updatedAt(), group.jobs(), group.cache());
    }

    static String fingerprint(long deploymentId, List<RunParameter> parameters) {
        StringBuilder canonical = new StringBuilder().append(deploymentId);
        parameters.forEach(p -> canonical.append('\n').append(p.key()).append('=').append(p.value()));
        return Idempotency.fingerprint(canonical.toString());
    }
}
