package io.releasegraph.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.releasegraph.cache.CacheKey;
import io.releasegraph.cache.CacheTypes;
import io.releasegraph.cache.UpstreamCache;
import io.releasegraph.domain.Deployment;
import io.releasegraph.domain.DeploymentRelease;
import io.releasegraph.domain.GlobalId;
import io.releasegraph.domain.Node;
import io.releasegraph.domain.Release;
import io.releasegraph.domain.ImportReleasePayload;
import io.releasegraph.domain.ReleaseActivationPayload;
import io.releasegraph.domain.ReleaseEvent;
import io.releasegraph.domain.ReleaseEventType;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.error.NotFoundException;
import io.releasegraph.error.ValidationException;
import io.releasegraph.provider.UploadedFile;
import io.releasegraph.provider.UpstreamGuardConfig;
import io.releasegraph.provider.trifacta.Trifacta;
import io.releasegraph.support.Blocking;
import io.releasegraph.support.Sha256;
import io.smallrye.mutiny.Uni;

/** Deployments and their releases: reads, activation and package import. */
@ApplicationScoped
public class DeploymentService implements SourceReads {

    static final String DEPLOYMENTS = "deployments";
    static final String DEPLOYMENT = "deployment";
    static final String RELEASE = "release";
    /** Trifacta's releases as one list, as {@link ReleaseService} caches it. */
    static final String RELEASES = ReleaseService.RELEASES;

    static final String IMPORT_OPERATION = "importRelease";
    /** Beyond the import's own timeout, after which a sent import has certainly answered or failed. */
    private static final java.time.Duration SETTLE_MARGIN = java.time.Duration.ofSeconds(5);

    /** Schema types in Trifacta's global IDs. */
    static final String DEPLOYMENT_TYPE = "Deployment";
    static final String DEPLOYMENT_RELEASE = "DeploymentRelease";

    private final Trifacta trifacta;
    private final UpstreamCache cache;
    private final ReleaseEventBus events;
    private final Idempotency idempotency;
    private final java.time.Duration importSettle;

    DeploymentService(Trifacta trifacta, UpstreamCache cache, ReleaseEventBus events, Idempotency idempotency,
            UpstreamGuardConfig guards) {
        this.trifacta = trifacta;
        this.cache = cache;
        this.events = events;
        this.idempotency = idempotency;
        // an operator may raise the import's timeout (60 s by default); a retry must wait that long before resending
        this.importSettle = max(idempotency.settle(),
                guards.timeout("trifacta-" + IMPORT_OPERATION).plus(SETTLE_MARGIN));
    }

    @Override
    public String source() {
        return ReleaseSource.TRIFACTA.key();
    }

    /** Through the release cache entry that activation evicts (and revalidates with validators when sent). */
    @Override
    public Optional<Uni<Release>> release(GlobalId id) {
        if (!DEPLOYMENT_RELEASE.equals(id.type())) {
            return Optional.empty();
        }
        return id.numericId().map(releaseId -> release(releaseId).map(Release.class::cast));
    }

    @Override
    public Optional<Uni<Node>> node(GlobalId id) {
        if (!DEPLOYMENT_TYPE.equals(id.type())) {
            return SourceReads.super.node(id);
        }
        return Optional.of(deployment(id.numericId().orElseThrow(SourceReads::malformed)).map(Node.class::cast));
    }

    public Uni<List<Deployment>> deployments() {
        return cache.get(CacheKey.list(ReleaseSource.TRIFACTA, DEPLOYMENTS), CacheTypes.listOf(Deployment.class),
                trifacta::listDeployments);
    }

    public Uni<Deployment> deployment(long id) {
        return findDeployment(id).map(found -> found.orElseThrow(() -> notFound("deployment", id)));
    }

    private Uni<Optional<Deployment>> findDeployment(long id) {
        return cache.get(CacheKey.of(ReleaseSource.TRIFACTA, DEPLOYMENT, id), CacheTypes.optionalOf(Deployment.class),
                () -> trifacta.findDeployment(id));
    }

    /**
     * The deployments of these IDs, in order (batched fields): null where one does not exist or the ID is null (a
     * run whose deployment is not known).
     */
    public Uni<List<Deployment>> deploymentsByIds(List<Long> ids) {
        List<Long> distinct = ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (distinct.isEmpty()) {
            return Uni.createFrom().item(java.util.Collections.nCopies(ids.size(), null));
        }
        return Uni.join().all(distinct.stream().map(this::findDeployment).toList()).andFailFast()
                .map(found -> {
                    Map<Long, Deployment> byId = found.stream().flatMap(Optional::stream)
                            .collect(Collectors.toMap(Deployment::externalId, Function.identity()));
                    return ids.stream().map(id -> id == null ? null : byId.get(id)).toList();
                });
    }

    public Uni<DeploymentRelease> release(long id) {
        return cache.getRevalidating(CacheKey.of(ReleaseSource.TRIFACTA, RELEASE, id),
                CacheTypes.optionalOf(DeploymentRelease.class), validators -> trifacta.findDeploymentRelease(id, validators))
                .map(found -> found.orElseThrow(() -> notFound("release", id)));
    }

    /** Makes the release its deployment's active one; the one active before stops being active. */
    public Uni<ReleaseActivationPayload> activate(long releaseId) {
        return release(releaseId)
                .chain(release -> deployment(release.deploymentExternalId()))
                .chain(before -> trifacta.setActive(releaseId, true)
                        .call(() -> evictAfterChange(before, releaseId))
                        .chain(() -> deployment(before.externalId()))
                        .map(after -> new ReleaseActivationPayload(
                                after.activeRelease().orElse(null),
                                previouslyActive(before, after).orElse(null),
                                after)))
                .invoke(payload -> {
                    publish(ReleaseEventType.RELEASE_ACTIVATED, payload.activeRelease());
                    publish(ReleaseEventType.RELEASE_DEACTIVATED, payload.deactivatedRelease());
                });
    }

    /** Leaves the release's deployment without an active release (when this one was it). */
    public Uni<ReleaseActivationPayload> deactivate(long releaseId) {
        return release(releaseId)
                .chain(release -> trifacta.setActive(releaseId, false)
                        .call(() -> evictAfterChange(release.deploymentExternalId(), List.of(releaseId)))
                        .chain(() -> deployment(release.deploymentExternalId()))
                        .map(after -> new ReleaseActivationPayload(
                                after.activeRelease().orElse(null),
                                release.active() ? find(after, releaseId).orElse(null) : null,
                                after)))
                .invoke(payload -> publish(ReleaseEventType.RELEASE_DEACTIVATED,
                        find(payload.deployment(), releaseId).orElse(null)));
    }

    /**
     * Imports a flow package; a real import makes the new release the active one. With an idempotency key, a repeat
     * of the same import (same deployment, same package bytes) within 24 hours answers the first import's result
     * without uploading again. A dry run changes nothing and needs no key.
     */
    public Uni<ImportReleasePayload> importRelease(long deploymentId, UploadedFile file, boolean dryRun,
            String idempotencyKey) {
        if (dryRun || idempotencyKey == null) {
            return importNow(deploymentId, file, dryRun);
        }
        Uni<String> caller = idempotency.caller(); // here, while the request context is active
        return packageHash(file).chain(hash -> idempotency.once(idempotencyKey, new Idempotency.Keyed<>(
                IMPORT_OPERATION, Idempotency.fingerprint(deploymentId + "\n" + hash), deploymentId,
                "{\"package\":\"sha256:" + hash + "\"}",
                sending -> importNow(deploymentId, file, false, sending),
                ImportRecord::of,
                stored -> replayImport(deploymentId, ImportRecord.parse(stored)),
                since -> importedSince(deploymentId, since),
                importSettle,
                "An import with this idempotency key is still being sent by another request; retry with the same "
                        + "key in a minute: it answers that import once it is known."), caller))
                .map(Idempotency.Outcome::value);
    }

    private Uni<ImportReleasePayload> importNow(long deploymentId, UploadedFile file, boolean dryRun) {
        return importNow(deploymentId, file, dryRun, () -> Uni.createFrom().voidItem());
    }

    /**
     * The release a keyed import created when its answer was lost: the oldest release of the deployment created since
     * the intent was sent. Its flow names are not known again (Trifacta's release does not carry them). Finding it
     * evicts the deployment and its releases: the lost answer never evicted what the import changed, and the replay
     * that answers it reads through the cache.
     */
    private Uni<Optional<ImportReleasePayload>> importedSince(long deploymentId, java.time.OffsetDateTime since) {
        java.time.OffsetDateTime from = since.minus(RunService.CLOCK_SKEW);
        return trifacta.findDeployment(deploymentId).chain(found -> found
                .flatMap(now -> now.allReleases().stream()
                        .filter(release -> release.createdAt() != null && !release.createdAt().isBefore(from))
                        .min(java.util.Comparator.comparing(DeploymentRelease::createdAt))
                        .map(release -> evictAfterChange(deploymentId,
                                now.allReleases().stream().map(DeploymentRelease::externalId).toList())
                                .replaceWith(Optional.of(new ImportReleasePayload(false, release, null, List.of(),
                                        null, null, now, true)))))
                .orElseGet(() -> Uni.createFrom().item(Optional.<ImportReleasePayload>empty())));
    }

    private static java.time.Duration max(java.time.Duration a, java.time.Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private Uni<ImportReleasePayload> importNow(long deploymentId, UploadedFile file, boolean dryRun,
            Idempotency.Sending sending) {
        return deployment(deploymentId)
                .chain(before -> sending.now().chain(() -> trifacta.importRelease(deploymentId, file, dryRun))
                        .chain(outcome -> {
                            if (dryRun) {
                                return Uni.createFrom().item(
                                        new ImportReleasePayload(true, null, null, outcome.flowNames(),
                                                outcome.ruleChanges(), outcome.deletedObjects(), before, false));
                            }
                            return evictAfterChange(before, 0).chain(() -> deployment(deploymentId))
                                    .map(after -> new ImportReleasePayload(false,
                                    outcome.release().flatMap(release -> find(after, release.externalId()))
                                            .or(outcome::release).orElse(null),
                                    previouslyActive(before, after).orElse(null),
                                    outcome.flowNames(), outcome.ruleChanges(), outcome.deletedObjects(), after,
                                    false))
                                    .invoke(payload -> {
                                        publish(ReleaseEventType.RELEASE_IMPORTED, payload.release());
                                        publish(ReleaseEventType.RELEASE_DEACTIVATED, payload.deactivatedRelease());
                                    });
                        }));
    }

    /** The first import's answer, with its releases as they are now. */
    private Uni<ImportReleasePayload> replayImport(long deploymentId, ImportRecord first) {
        return deployment(deploymentId).map(now -> new ImportReleasePayload(false,
                first.release() == null ? null : find(now, first.release()).orElse(null),
                first.deactivated() == null ? null : find(now, first.deactivated()).orElse(null),
                first.flows(), first.ruleChanges(), first.deletedObjects(), now, true));
    }

    /**
     * What an import's idempotency entry keeps, as JSON: release IDs, flow names, rule changes and deleted objects
     * (absent from entries written before they were kept: null then).
     */
    record ImportRecord(Long release, Long deactivated, List<String> flows,
            io.releasegraph.domain.ImportRuleChanges ruleChanges, String deletedObjects) {
        private static final ObjectMapper JSON = new ObjectMapper();

        static String of(ImportReleasePayload payload) {
            try {
                return JSON.writeValueAsString(new ImportRecord(
                        payload.release() == null ? null : payload.release().externalId(),
                        payload.deactivatedRelease() == null ? null : payload.deactivatedRelease().externalId(),
                        payload.flowNames(), payload.importRuleChanges(), payload.deletedObjects()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        static ImportRecord parse(String stored) {
            try {
                return JSON.readValue(stored, ImportRecord.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable idempotency result", e);
            }
        }
    }

    /** SHA-256 of the package bytes, read on a worker thread (packages are up to gateway.upload.max-bytes). */
    private static Uni<String> packageHash(UploadedFile file) {
        return Blocking.supply(() -> {
            MessageDigest digest = Sha256.digest();
            try (InputStream in = Files.newInputStream(Path.of(file.path()))) {
                byte[] buffer = new byte[64 * 1024];
                for (int read; (read = in.read(buffer)) > 0;) {
                    digest.update(buffer, 0, read);
                }
            } catch (IOException e) {
                throw new ValidationException("package", "`package` could not be read.");
            }
            return HexFormat.of().formatHex(digest.digest());
        });
    }

    /** Tells {@code releaseEvents} subscribers what a mutation changed; nothing when it changed no release. */
    private void publish(ReleaseEventType type, DeploymentRelease release) {
        if (release != null) {
            events.publish(ReleaseEvent.byGateway(type, release));
        }
    }

    /** Activation changes the release, the one active before, their deployment and every list holding them. */
    private Uni<Void> evictAfterChange(Deployment before, long releaseId) {
        List<Long> releases = new java.util.ArrayList<>(List.of(releaseId));
        before.activeRelease().ifPresent(active -> releases.add(active.externalId()));
        return evictAfterChange(before.externalId(), releases);
    }

    private Uni<Void> evictAfterChange(long deploymentId, List<Long> releaseIds) {
        List<CacheKey> keys = new java.util.ArrayList<>();
        keys.add(CacheKey.of(ReleaseSource.TRIFACTA, DEPLOYMENT, deploymentId));
        keys.add(CacheKey.list(ReleaseSource.TRIFACTA, DEPLOYMENTS));
        keys.add(CacheKey.list(ReleaseSource.TRIFACTA, RELEASES));
        releaseIds.stream().filter(id -> id > 0).forEach(id -> keys.add(CacheKey.of(ReleaseSource.TRIFACTA, RELEASE, id)));
        return cache.evict(keys.toArray(CacheKey[]::new));
    }

    /** The release that was active before and is not any more, read from the deployment after the change. */
    private static Optional<DeploymentRelease> previouslyActive(Deployment before, Deployment after) {
        return before.activeRelease()
                .flatMap(was -> find(after, was.externalId()))
                .filter(now -> !now.active());
    }

    private static Optional<DeploymentRelease> find(Deployment deployment, long releaseId) {
        return deployment.allReleases().stream().filter(release -> release.externalId() == releaseId).findFirst();
    }

    static NotFoundException notFound(String what, long id) {
        return new NotFoundException("Trifacta has no " + what + " " + id + ".", "trifacta", 404, null);
    }
}
