package io.releasegraph.provider.trifacta;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.provider.ConditionalGet;
import io.releasegraph.provider.UpstreamFailures;
import io.releasegraph.provider.trifacta.dto.TrifactaDeployment;
import io.releasegraph.provider.trifacta.dto.TrifactaImportResult;
import io.releasegraph.provider.trifacta.dto.TrifactaJobGroup;
import io.releasegraph.provider.trifacta.dto.TrifactaList;
import io.releasegraph.provider.trifacta.dto.TrifactaRelease;
import io.releasegraph.provider.trifacta.dto.TrifactaReleasePatch;
import io.releasegraph.provider.trifacta.dto.TrifactaRunRequest;
import io.releasegraph.provider.trifacta.dto.TrifactaRunResult;
import io.smallrye.mutiny.Uni;

/** Trifacta Deployment Manager API v4, as a declaration. Only {@link TrifactaClient} uses it. */
@Path("/v4")
@RegisterRestClient(configKey = "trifacta")
@RegisterClientHeaders(TrifactaAuthHeaders.class)
@Produces(MediaType.APPLICATION_JSON)
interface TrifactaRestClient {

    /** HTTP GET call to /v4/deployments: one page of deployments, with their releases when embedded. */
    @GET
    @Path("/deployments")
    Uni<TrifactaList<TrifactaDeployment>> listDeployments(@RestQuery int limit, @RestQuery int offset,
            @RestQuery String embed);

    /** HTTP GET call to /v4/deployments/{id}; limit and offset page the embedded releases. */
    @GET
    @Path("/deployments/{id}")
    Uni<TrifactaDeployment> getDeployment(@RestPath long id, @RestQuery String embed, @RestQuery int limit,
            @RestQuery int offset);

    /** HTTP GET call to /v4/releases: one page of releases, of one deployment when deploymentId is set. */
    @GET
    @Path("/releases")
    Uni<TrifactaList<TrifactaRelease>> listReleases(@RestQuery Long deploymentId, @RestQuery int limit,
            @RestQuery int offset);

    /** HTTP GET call to /v4/releases/{id}, conditional when validators are given ({@link ConditionalGet}). */
    @GET
    @Path("/releases/{id}")
    Uni<RestResponse<TrifactaRelease>> getRelease(@RestPath long id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince);

    /** HTTP PATCH call to /v4/releases/{id}: activates or deactivates the release. */
    @PATCH
    @Path("/releases/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> patchRelease(@RestPath long id, TrifactaReleasePatch patch);

    /** HTTP POST call to /v4/deployments/{id}/releases: imports a flow package ZIP (part {@code data}). */
    @POST
    @Path("/deployments/{id}/releases")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    Uni<TrifactaImportResult> importRelease(@RestPath long id, ClientMultipartForm form);

    /** HTTP POST call to /v4/deployments/{id}/releases/dryRun: checks a package, stores nothing. */
    @POST
    @Path("/deployments/{id}/releases/dryRun")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    Uni<TrifactaImportResult> dryRunImport(@RestPath long id, ClientMultipartForm form);

    /** HTTP POST call to /v4/deployments/{id}/run: runs the active release, with optional overrides. */
    @POST
    @Path("/deployments/{id}/run")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<TrifactaList<TrifactaRunResult>> run(@RestPath long id, TrifactaRunRequest request);

    /** HTTP GET call to /v4/jobGroups?limit=&offset=&sort=: one page of job groups (JobGroups Get List v4). */
    @GET
    @Path("/jobGroups")
    Uni<TrifactaList<TrifactaJobGroup>> listJobGroups(@RestQuery int limit, @RestQuery int offset,
            @RestQuery String sort);

    /** HTTP GET call to /v4/jobGroups/{id}?embed=jobs, conditional when validators are given. */
    @GET
    @Path("/jobGroups/{id}")
    Uni<RestResponse<TrifactaJobGroup>> getJobGroup(@RestPath long id, @RestQuery String embed,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return UpstreamFailures.fromResponse(ReleaseSource.TRIFACTA, response);
    }
}
