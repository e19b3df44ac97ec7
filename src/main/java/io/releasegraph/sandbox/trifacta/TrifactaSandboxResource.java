package io.releasegraph.sandbox.trifacta;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.node.TextNode;

import io.quarkus.logging.Log;
import io.releasegraph.sandbox.trifacta.TrifactaJson.DataList;
import io.releasegraph.sandbox.trifacta.TrifactaJson.Deployment;
import io.releasegraph.sandbox.trifacta.TrifactaJson.ImportResult;
import io.releasegraph.sandbox.trifacta.TrifactaJson.Job;
import io.releasegraph.sandbox.trifacta.TrifactaJson.JobGroup;
import io.releasegraph.sandbox.trifacta.TrifactaJson.JobStarted;
import io.releasegraph.sandbox.trifacta.TrifactaJson.PatchResult;
import io.releasegraph.sandbox.trifacta.TrifactaJson.Release;

/**
 * Simulated Trifacta / Alteryx Deployment Manager v4 API (upstreams.md section A). A REST client whose
 * base URL is {@code http://host:port/sandbox/trifacta} sees the real paths, such as {@code /v4/deployments}.
 * <p>
 * Authentication and the {@code x-trifacta-request-id} header live in {@link TrifactaSandboxFilters};
 * state lives in {@link TrifactaSandboxState}. Ids and query parameters arrive as strings so that a
 * bad value answers 400 {@code ValidationFailed} in the API's own error shape.
 * <p>
 * Demo hook: a run with the override {@code {"key": "simulateFailure", "value": "true"}} ends
 * {@code Failed} instead of {@code Complete}.
 */
@Path("/sandbox/trifacta")
@Produces(MediaType.APPLICATION_JSON)
public class TrifactaSandboxResource {

    private static final String RELEASES = "releases";
    private static final String JOBS = "jobs";

    private final TrifactaSandboxState state;

    public TrifactaSandboxResource(TrifactaSandboxState state) {
        this.state = state;
    }

    /** HTTP GET /v4/deployments: one page of deployments, optionally with their releases embedded. */
    @GET
    @Path("/v4/deployments")
    public DataList<Deployment> deployments(@BeanParam PageQuery page, @QueryParam("embed") String embed) {
        boolean embedReleases = TrifactaRequests.embeds(embed, RELEASES);
        return new DataList<>(state.deployments(page.paging(), embedReleases));
    }

    /** HTTP GET /v4/deployments/{id}: limit and offset page the embedded releases. */
    @GET
    @Path("/v4/deployments/{id}")
    public Deployment deployment(@PathParam("id") String id, @BeanParam PageQuery page,
            @QueryParam("embed") String embed) {
        int deploymentId = TrifactaRequests.id(id);
        Paging releasePage = page.paging();
        return state.deployment(deploymentId, TrifactaRequests.embeds(embed, RELEASES) ? releasePage : null);
    }

    /** HTTP GET /v4/deployments/{id}/releases: alias of {@code /v4/releases?deploymentId={id}} (not in public docs). */
    @GET
    @Path("/v4/deployments/{id}/releases")
    public DataList<Release> deploymentReleases(@PathParam("id") String id, @BeanParam PageQuery page) {
        return new DataList<>(state.releases(TrifactaRequests.id(id), page.paging()));
    }

    /** HTTP POST /v4/deployments/{id}/releases: import a flow package ZIP (part {@code data}) as the active release. */
    @POST
    @Path("/v4/deployments/{id}/releases")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @ResponseStatus(201)
    public ImportResult importPackage(@PathParam("id") String id, @RestForm("data") FileUpload data) {
        return importOrDryRun(id, data, false);
    }

    /** HTTP POST /v4/deployments/{id}/releases/dryRun: the import result without persisting anything. */
    @POST
    @Path("/v4/deployments/{id}/releases/dryRun")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public ImportResult dryRun(@PathParam("id") String id, @RestForm("data") FileUpload data) {
        return importOrDryRun(id, data, true);
    }

    /** HTTP POST /v4/deployments/{id}/run: start a job group for the active release. */
    @POST
    @Path("/v4/deployments/{id}/run")
    @ResponseStatus(201)
    public DataList<JobStarted> run(@PathParam("id") String id, String body) {
        int deploymentId = TrifactaRequests.id(id);
        return new DataList<>(List.of(state.run(deploymentId, TrifactaRequests.runOverrides(body))));
    }

    /** HTTP GET /v4/releases: all releases, or those of {@code deploymentId}. */
    @GET
    @Path("/v4/releases")
    public DataList<Release> releases(@QueryParam("deploymentId") String deploymentId, @BeanParam PageQuery page) {
        Integer filter = deploymentId == null || deploymentId.isBlank() ? null : TrifactaRequests.id(deploymentId);
        return new DataList<>(state.releases(filter, page.paging()));
    }

    /** HTTP GET /v4/releases/{id}. */
    @GET
    @Path("/v4/releases/{id}")
    public Release release(@PathParam("id") String id) {
        return state.release(TrifactaRequests.id(id));
    }

    /** HTTP PATCH /v4/releases/{id}: only the changed fields; answers the minimal {@code {id, updater, updatedAt}}. */
    @PATCH
    @Path("/v4/releases/{id}")
    public PatchResult patchRelease(@PathParam("id") String id, String body) {
        int releaseId = TrifactaRequests.id(id);
        return state.patchRelease(releaseId, TrifactaRequests.releasePatch(body));
    }

    /** HTTP DELETE /v4/releases/{id}: 204, then 410 for that id. */
    @DELETE
    @Path("/v4/releases/{id}")
    public Response deleteRelease(@PathParam("id") String id) {
        state.deleteRelease(TrifactaRequests.id(id));
        return Response.noContent().build();
    }

    /**
     * HTTP GET /v4/jobGroups: one page of job groups (JobGroups Get List v4). The documents name {@code sort} among the
     * common parameters without its syntax; the sandbox reads {@code -createdAt} as newest first and otherwise
     * lists oldest first. Each job group carries {@code deployment: {id}}, which the gateway's reconciliation reads.
     */
    @GET
    @Path("/v4/jobGroups")
    public DataList<JobGroup> jobGroups(@BeanParam PageQuery page, @QueryParam("sort") String sort,
            @QueryParam("embed") String embed) {
        return new DataList<>(state.jobGroups(page.paging(), "-createdAt".equals(sort),
                TrifactaRequests.embeds(embed, JOBS)));
    }

    /** HTTP GET /v4/jobGroups/{id}: {@code embed=jobs} nests the jobs. */
    @GET
    @Path("/v4/jobGroups/{id}")
    public JobGroup jobGroup(@PathParam("id") String id, @QueryParam("embed") String embed) {
        int jobGroupId = TrifactaRequests.id(id);
        return state.jobGroup(jobGroupId, TrifactaRequests.embeds(embed, JOBS));
    }

    /** HTTP GET /v4/jobGroups/{id}/status: a bare JSON string such as {@code "InProgress"}. */
    @GET
    @Path("/v4/jobGroups/{id}/status")
    public TextNode jobGroupStatus(@PathParam("id") String id) {
        // a TextNode is written as a quoted JSON string; a plain String would go out unquoted
        return TextNode.valueOf(state.jobGroupStatus(TrifactaRequests.id(id)));
    }

    /** HTTP GET /v4/jobGroups/{id}/jobs. */
    @GET
    @Path("/v4/jobGroups/{id}/jobs")
    public DataList<Job> jobs(@PathParam("id") String id) {
        return new DataList<>(state.jobs(TrifactaRequests.id(id)));
    }

    /**
     * Any other path or method under the sandbox answers the API's 404, as a route-table server does, named
     * {@code RouteNotFoundException} (upstreams.md A.6) so that a client can tell it from a missing object.
     * Without it, an unmatched path falls through to the HTTP server's HTML page, which bypasses the
     * filters (no request id, no exception body).
     */
    @Path("{unknown: .*}")
    public Object unknownPath(@PathParam("unknown") String path) {
        throw new TrifactaApiException(404, "RouteNotFoundException", "Route not found", "No endpoint at /" + path);
    }

    @ServerExceptionMapper
    public Response mapApiError(TrifactaApiException e) {
        return e.toResponse();
    }

    /** Framework errors inside this resource (e.g. an unreadable multipart body) keep their status. */
    @ServerExceptionMapper
    public Response mapWebError(WebApplicationException e) {
        return TrifactaApiException.forStatus(e.getResponse().getStatus(), e.getMessage()).toResponse();
    }

    /** Never a stack trace: an unexpected failure still answers the API's exception body. */
    @ServerExceptionMapper
    public Response mapUnexpected(Exception e) {
        Log.errorf(e, "Trifacta sandbox failed unexpectedly");
        return TrifactaApiException.forStatus(500, "Unexpected " + e.getClass().getSimpleName() + "; see the server log")
                .toResponse();
    }

    private ImportResult importOrDryRun(String id, FileUpload data, boolean dryRun) {
        int deploymentId = TrifactaRequests.id(id);
        if (data == null) {
            throw TrifactaApiException.validation("Missing package",
                    "Send the flow package ZIP as the multipart/form-data part 'data'");
        }
        String flowName = TrifactaFlowPackage.flowName(readAll(data), data.fileName());
        return state.importPackage(deploymentId, flowName, dryRun);
    }

    private static byte[] readAll(FileUpload upload) {
        try {
            return Files.readAllBytes(upload.uploadedFile());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the uploaded package", e);
        }
    }
}
