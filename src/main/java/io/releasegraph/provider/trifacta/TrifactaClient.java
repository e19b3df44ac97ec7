package io.releasegraph.provider.trifacta;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

import io.releasegraph.cache.Fetched;
import io.releasegraph.cache.Validators;
import io.releasegraph.config.GatewayConfig;
import io.releasegraph.domain.Deployment;
import io.releasegraph.domain.DeploymentRelease;
import io.releasegraph.domain.GlobalId;
import io.releasegraph.domain.JobGroup;
import io.releasegraph.domain.Release;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.domain.RunParameter;
import io.releasegraph.error.NotFoundException;
import io.releasegraph.provider.ConditionalGet;
import io.releasegraph.provider.Paging;
import io.releasegraph.provider.RateLimitRetry;
import io.releasegraph.provider.OperationGuards;
import io.releasegraph.provider.UpstreamClient;
import io.releasegraph.provider.UpstreamFailures;
import io.releasegraph.provider.UpstreamGuards;
import io.releasegraph.provider.UploadedFile;
import io.releasegraph.provider.trifacta.dto.TrifactaDeployment;
import io.releasegraph.provider.trifacta.dto.TrifactaImportResult;
import io.releasegraph.provider.trifacta.dto.TrifactaList;
import io.releasegraph.provider.trifacta.dto.TrifactaRelease;
import io.releasegraph.provider.trifacta.dto.TrifactaRef;
import io.releasegraph.provider.trifacta.dto.TrifactaReleasePatch;
import io.releasegraph.provider.trifacta.dto.TrifactaRunRequest;
import io.smallrye.mutiny.Uni;

/**
 * The gateway's only way to Trifacta Deployment Manager: walks pages, waits out a 429 within the configured bound,
 * maps wire records to schema records and every failure to the error contract. A 404 becomes an empty
 * {@link Optional} inside the breaker, so it never trips one.
 *
 * <p>Fault tolerance: one guard per operation from {@link UpstreamGuards}, a timeout and a circuit breaker named
 * {@code trifacta-<method>}; only reads are retried. Writes never are: a failed PATCH, import or run may have been
 * applied.
 */
@ApplicationScoped
@UpstreamClient
public class TrifactaClient implements Trifacta {

    private static final String EMBED_RELEASES = "releases";
    private static final String EMBED_JOBS = "jobs";

    private final TrifactaRestClient rest;
    private final int pageSize;
    private final RateLimitRetry limits;
    private final OperationGuards guards;
    private final String apiVersion;

    TrifactaClient(@RestClient TrifactaRestClient rest, GatewayConfig config, UpstreamGuards guards) {
        this.rest = rest;
        this.pageSize = config.trifacta().pageSize();
        this.apiVersion = config.trifacta().apiVersion().path();
        this.limits = new RateLimitRetry(ReleaseSource.TRIFACTA, config.trifacta().rateLimit().maxWait(),
                config.trifacta().rateLimit().maxRetries());
        this.guards = guards.of(ReleaseSource.TRIFACTA,
                List.of("listDeployments", "findDeployment", "findDeploymentRelease", "findJobGroup", "listReleases",
                        "recentJobGroups"),
                List.of("setActive", "importRelease", "run"));
    }

    @Override
    public ReleaseSource source() {
        return ReleaseSource.TRIFACTA;
    }

    /** Every deployment with all its releases. */
    public Uni<List<Deployment>> listDeployments() {
        return guards.call("listDeployments", () -> Paging.collect(
                page -> call(() -> rest.listDeployments(pageSize, page * pageSize, EMBED_RELEASES)).map(TrifactaList::items),
                this::isShortPage)
                .chain(deployments -> {
                    if (deployments.isEmpty()) {
                        return Uni.createFrom().item(List.<Deployment> of());
                    }
                    return Uni.join().all(deployments.stream().map(this::withAllReleases).toList()).andFailFast();
                }));
    }

    public Uni<Optional<Deployment>> findDeployment(long id) {
        return guards.call("findDeployment", () -> optional(
                call(() -> rest.getDeployment(id, EMBED_RELEASES, pageSize, 0)).chain(this::withAllReleases)));
    }

    public Uni<Fetched<Optional<DeploymentRelease>>> findDeploymentRelease(long id, Validators cached) {
        return guards.call("findDeploymentRelease", () -> conditional(call(() -> rest.getRelease(id,
                ConditionalGet.ifNoneMatch(cached), ConditionalGet.ifModifiedSince(cached))), cached,
                TrifactaMapper::release));
    }

    public Uni<Fetched<Optional<JobGroup>>> findJobGroup(long id, Validators cached) {
        return guards.call("findJobGroup", () -> conditional(call(() -> rest.getJobGroup(id, EMBED_JOBS,
                ConditionalGet.ifNoneMatch(cached), ConditionalGet.ifModifiedSince(cached))), cached,
                TrifactaMapper::jobGroup));
    }

    /**
     * The newest job groups, one page, newest first ({@code sort=-createdAt}: the documents list {@code sort} among the
     * common parameters without its syntax). Without {@code embed=jobs}: reconciliation needs only IDs, deployments
     * and creation times.
     */
    public Uni<List<JobGroup>> recentJobGroups(int limit) {
        return guards.call("recentJobGroups", () -> call(() -> rest.listJobGroups(limit, 0, "-createdAt"))
                .map(list -> list.items().stream().map(TrifactaMapper::jobGroup).toList()));
    }

    @Override
    public Uni<List<Release>> listReleases() {
        return guards.call("listReleases", () -> allReleases(null)
                .map(releases -> releases.stream()
                        .map(TrifactaMapper::release)
                        .sorted(TrifactaMapper.NEWEST_FIRST)
                        .map(Release.class::cast)
                        .toList()));
    }

    /** Trifacta's IDs are positive integers (deployments, releases, job groups: seeds 000 to 002). */
    @Override
    public boolean accepts(GlobalId id) {
        return id.numericId().isPresent();
    }

    @Override
    public Uni<Optional<Release>> findRelease(GlobalId id) {
        Optional<Long> externalId = id.numericId();
        if (!TrifactaMapper.RELEASE.equals(id.type()) || externalId.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return findDeploymentRelease(externalId.get(), Validators.NONE)
                .map(fetched -> fetched.value().map(Release.class::cast));
    }

    /** Activates or deactivates a release; Trifacta keeps at most one active per deployment. */
    public Uni<Void> setActive(long releaseId, boolean active) {
        return guards.call("setActive",
                () -> call(() -> rest.patchRelease(apiVersion, releaseId, new TrifactaReleasePatch(active))).replaceWithVoid());
    }

    /** Imports a flow package into a deployment; a real import makes the new release the active one. */
    public Uni<ImportOutcome> importRelease(long deploymentId, UploadedFile file, boolean dryRun) {
        ClientMultipartForm form = ClientMultipartForm.create()
                .binaryFileUpload("data", file.fileName(), file.path(), "application/zip");
        return guards.call("importRelease", () -> call(
                () -> dryRun ? rest.dryRunImport(deploymentId, form) : rest.importRelease(deploymentId, form))
                .map(result -> new ImportOutcome(
                        Optional.ofNullable(dryRun ? null : result.release())
                                .map(release -> TrifactaMapper.release(release, deploymentId)),
                        result.flows() == null ? List.of()
                                : result.flows().stream().map(TrifactaImportResult.Flow::name).toList(),
                        TrifactaMapper.ruleChanges(result.importRuleChanges()),
                        TrifactaMapper.jsonText(result.deletedObjects()))));
    }

    /** Runs the deployment's active release and answers the new job group's ID. */
    public Uni<Long> run(long deploymentId, List<RunParameter> parameters) {
        return start(deploymentId, parameters).map(RunStarted::jobGroupId);
    }

    /** Runs the deployment's active release and answers the job group, session and jobs Trifacta reports. */
    @Override
    public Uni<RunStarted> start(long deploymentId, List<RunParameter> parameters) {
        TrifactaRunRequest request = parameters.isEmpty() ? null
                : TrifactaRunRequest.of(parameters.stream()
                        .map(parameter -> new TrifactaRunRequest.Override(parameter.key(), parameter.value()))
                        .toList());
        return guards.call("run", () -> call(() -> rest.run(apiVersion, deploymentId, request))
                .map(answer -> answer.items().stream()
                        .findFirst()
                        .map(result -> new RunStarted(result.id(), result.sessionId(), result.jobs() == null ? null
                                : result.jobs().items().stream().map(TrifactaRef::id).filter(Objects::nonNull).toList()))
                        .orElseThrow(() -> UpstreamFailures.translate(ReleaseSource.TRIFACTA,
                                new IllegalStateException("run answer without a job group")))));
    }

    /** A deployment with every release, paging further when the embedded list was cut short. */
    private Uni<Deployment> withAllReleases(TrifactaDeployment deployment) {
        List<TrifactaRelease> embedded = deployment.releases() == null ? null : deployment.releases().items();
        boolean complete = embedded != null
                && (deployment.numReleases() == null || embedded.size() >= deployment.numReleases());
        if (complete) {
            return Uni.createFrom().item(TrifactaMapper.deployment(deployment, embedded));
        }
        return allReleases(deployment.id()).map(releases -> TrifactaMapper.deployment(deployment, releases));
    }

    private Uni<List<TrifactaRelease>> allReleases(Long deploymentId) {
        return Paging.collect(
                page -> call(() -> rest.listReleases(deploymentId, pageSize, page * pageSize)).map(TrifactaList::items),
                this::isShortPage);
    }

    /** Trifacta's end of list: a page shorter than the limit asked for. */
    private boolean isShortPage(List<?> page) {
        return page.size() < pageSize;
    }

    /** One upstream call: failures translated to the contract, a 429 waited out within the bound. */
    private <T> Uni<T> call(Supplier<Uni<T>> call) {
        return limits.call(call::get);
    }

    /** A conditional read of one object: 304, the mapped object, or empty on a 404. */
    private static <D, T> Uni<Fetched<Optional<T>>> conditional(Uni<RestResponse<D>> call, Validators cached,
            Function<D, T> mapper) {
        return call.map(response -> ConditionalGet.answer(ReleaseSource.TRIFACTA, cached, response, mapper).map(Optional::of))
                .onFailure(NotFoundException.class).recoverWithItem(Fetched.of(Optional.empty(), Validators.NONE));
    }

    private static <T> Uni<Optional<T>> optional(Uni<T> call) {
        return call.map(Optional::of).onFailure(NotFoundException.class).recoverWithItem(Optional.empty());
    }
}
