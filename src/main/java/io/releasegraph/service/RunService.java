package io.releasegraph.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.releasegraph.cache.CacheKey;
import io.releasegraph.cache.CacheTypes;
import io.releasegraph.cache.UpstreamCache;
import io.releasegraph.domain.Deployment;
import io.releasegraph.domain.JobGroup;
import io.releasegraph.domain.ReleaseEvent;
import io.releasegraph.domain.ReleaseEventType;
import io.releasegraph.domain.RunDeploymentPayload;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.domain.RunParameter;
import io.releasegraph.error.ConflictException;
import io.releasegraph.error.GatewayException;
import io.releasegraph.error.NotFoundException;
import io.releasegraph.error.UpstreamRateLimitedException;
import io.releasegraph.error.ValidationException;
import io.releasegraph.provider.trifacta.TrifactaClient;
import io.releasegraph.store.IdempotencyStore;
import io.releasegraph.store.IdempotencyStore.Claim;
import io.releasegraph.store.RunHistory;
import io.smallrye.mutiny.Uni;

/** Runs of deployments: starting one at most once per idempotency key, and following job groups. */
@ApplicationScoped
public class RunService {

    static final String OPERATION = "runDeployment";
    static final String JOB_GROUP = "jobGroup";
    static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    private final TrifactaClient trifacta;
    private final DeploymentService deployments;
    private final IdempotencyStore idempotency;
    private final RunHistory history;
    private final UpstreamCache cache;
    private final ReleaseEventBus events;

    RunService(TrifactaClient trifacta, DeploymentService deployments, IdempotencyStore idempotency,
            RunHistory history, UpstreamCache cache, ReleaseEventBus events) {
        this.cache = cache;
        this.events = events;
        this.trifacta = trifacta;
        this.deployments = deployments;
        this.idempotency = idempotency;
        this.history = history;
    }

    public Uni<RunDeploymentPayload> run(long deploymentId, List<RunParameter> parameters, String idempotencyKey) {
        if (idempotencyKey == null) {
            return start(deploymentId, parameters).map(group -> new RunDeploymentPayload(group, false));
        }
        String fingerprint = fingerprint(deploymentId, parameters);
        return idempotency.claim(idempotencyKey, OPERATION, fingerprint, IDEMPOTENCY_WINDOW).chain(claim -> {
            if (claim instanceof Claim.Completed completed) {
                return jobGroup(Long.parseLong(completed.result())).map(group -> new RunDeploymentPayload(group, true));
            }
            if (claim instanceof Claim.Mismatch) {
                return Uni.createFrom().failure(new ValidationException("idempotencyKey",
                        "This idempotency key was already used for a different request."));
            }
            if (claim instanceof Claim.InFlight) {
                return Uni.createFrom().failure(new ConflictException(
                        "A run with this idempotency key is still starting, or its outcome is unknown; "
                                + "look at the deployment's runs before trying a new key."));
            }
            return start(deploymentId, parameters)
                    .call(group -> idempotency.complete(idempotencyKey, String.valueOf(group.externalId())))
                    .onFailure(RunService::changedNothingUpstream).call(() -> idempotency.release(idempotencyKey))
                    .map(group -> new RunDeploymentPayload(group, false));
        });
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

    private Uni<JobGroup> start(long deploymentId, List<RunParameter> parameters) {
        return deployments.deployment(deploymentId).chain(deployment -> {
            if (deployment.activeRelease().isEmpty()) {
                return Uni.createFrom().failure(new ConflictException("Deployment \"" + deployment.name()
                        + "\" has no active release to run; activate one first."));
            }
            return trifacta.run(deploymentId, parameters)
                    .onFailure(ValidationException.class).transform(rejected -> new ConflictException(
                            "Trifacta refused to run deployment \"" + deployment.name()
                                    + "\"; it may have no active release any more.",
                            "trifacta", ((GatewayException) rejected).httpStatus().orElse(400), null))
                    .call(jobGroupId -> history.record(jobGroupId, deploymentId, parameters))
                    .chain(jobGroupId -> trifacta.findJobGroup(jobGroupId).map(found -> found
                            .map(group -> attach(group, deploymentId))
                            .orElseThrow(() -> new NotFoundException("Trifacta lost job group " + jobGroupId + ".",
                                    "trifacta", 404, null))))
                    .invoke(group -> events.publish(ReleaseEvent.byGateway(ReleaseEventType.DEPLOYMENT_RUN_STARTED,
                            deployment.activeRelease().get())));
        });
    }

    private Uni<java.util.Optional<JobGroup>> findJobGroup(long id) {
        return cache.get(CacheKey.of(ReleaseSource.TRIFACTA, JOB_GROUP, id), CacheTypes.optionalOf(JobGroup.class),
                () -> trifacta.findJobGroup(id));
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

    /** Failures after which the upstream certainly started nothing, so the key may be used again. */
    private static boolean changedNothingUpstream(Throwable failure) {
        return failure instanceof ValidationException || failure instanceof ConflictException
                || failure instanceof NotFoundException || failure instanceof UpstreamRateLimitedException;
    }

    static String fingerprint(long deploymentId, List<RunParameter> parameters) {
        StringBuilder canonical = new StringBuilder().append(deploymentId);
        parameters.forEach(p -> canonical.append('\n').append(p.key()).append('=').append(p.value()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
