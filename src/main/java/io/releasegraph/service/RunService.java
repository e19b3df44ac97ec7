package io.releasegraph.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
        return idempotency.once(idempotencyKey, OPERATION, fingerprint(deploymentId, parameters),
                () -> start(deploymentId, parameters),
                started -> started.sessionId() == null ? String.valueOf(started.group().externalId())
                        : started.group().externalId() + " " + started.sessionId(),
                stored -> {
                    // "<job group id>" or "<job group id> <session id>"
                    String[] parts = stored.split(" ", 2);
                    return jobGroup(Long.parseLong(parts[0]))
                            .map(group -> new Started(group, parts.length > 1 ? parts[1] : null));
                },
                "A run with this idempotency key is still starting, or its outcome is unknown; "
                        + "look at the deployment's runs before trying a new key.")
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

    /** The runs of each deployment, newest first, in the order of the input (batched field). */
    public Uni<List<List<JobGroup>>> runsOf(List<Deployment> of) {
        List<Long> ids = of.stream().map(Deployment::externalId).toList();
        return history.ofDeployments(ids).chain(runs -> {
            if (runs.isEmpty()) {
                return Uni.createFrom().item(of.stream().map(d -> List.<JobGroup> of()).toList());
            }
            return Uni.join().all(runs.stream().map(run -> findJobGroup(run.jobGroupId())
                    .map(found -> found.map(group -> attach(group, run.deploymentId())).orElse(null))).toList())
                    .andFailFast()
                    .map(groups -> {
                        Map<Long, List<JobGroup>> byDeployment = groups.stream()
                                .filter(group -> group != null)
                                .collect(Collectors.groupingBy(JobGroup::deploymentExternalId));
                        return ids.stream().map(id -> byDeployment.getOrDefault(id, List.of())).toList();
                    });
        });
    }

    /** The run's job group, with the session Trifacta reported for it. */
    private record Started(JobGroup group, String sessionId) {
    }

    private Uni<Started> start(long deploymentId, List<RunParameter> parameters) {
        return deployments.deployment(deploymentId).chain(deployment -> {
            if (deployment.activeRelease().isEmpty()) {
                return Uni.createFrom().failure(new ConflictException("Deployment \"" + deployment.name()
                        + "\" has no active release to run; activate one first."));
            }
            return trifacta.start(deploymentId, parameters)
                    .onFailure(ValidationException.class).transform(rejected -> new ConflictException(
                            "Trifacta refused to run deployment \"" + deployment.name()
                                    + "\"; it may have no active release any more.",
                            "trifacta", ((GatewayException) rejected).httpStatus().orElse(400), null))
                    .call(started -> history.record(started.jobGroupId(), deploymentId, parameters)
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
