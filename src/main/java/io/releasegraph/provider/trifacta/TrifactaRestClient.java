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

/**
 * Trifacta Deployment Manager API, as a declaration. Only {@link TrifactaClient} uses it. Calls documented in v3 and
 * v4 (seeds 000 and 002) take the version as their first path segment ({@code gateway.trifacta.api-version}); the
 * rest are v4 only.
 */
@Path("/")
@RegisterRestClient(configKey = "trifacta")
@RegisterClientHeaders(TrifactaAuthHeaders.class)
@Produces(MediaType.APPLICATION_JSON)
interface TrifactaRestClient {

    /** HTTP GET call to /v4/deployments: one page of deployments, with their releases when embedded. */
    @GET
    @Path("/v4/deployments")
    Uni<TrifactaList<TrifactaDeployment>> listDeployments(@RestQuery int limit, @RestQuery int offset,
            @RestQuery String embed);

    /** HTTP GET call to /v4/deployments/{id}; limit and offset page the embedded releases. */
    @GET
    @Path("/v4/deployments/{id}")
    Uni<TrifactaDeployment> getDeployment(@RestPath long id, @RestQuery String embed, @RestQuery int limit,
            @RestQuery int offset);

    /** HTTP GET call to /v4/releases: one page of releases, of one deployment when deploymentId is set. */
    @GET
    @Path("/v4/releases")
    Uni<TrifactaList<TrifactaRelease>> listReleases(@RestQuery Long deploymentId, @RestQuery int limit,
            @RestQuery int offset);

    /** HTTP GET call to /v4/releases/{id}, conditional when validators are given ({@link ConditionalGet}). */
    @GET
    @Path("/v4/releases/{id}")
    Uni<RestResponse<TrifactaRelease>> getRelease(@RestPath long id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince);

    /** HTTP PATCH call to /{v3|v4}/releases/{id} (seed 000): activates or deactivates the release. */
    @PATCH
    @Path("/{version}/releases/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> patchRelease(@RestPath String version, @RestPath long id, TrifactaReleasePatch patch);

    /** HTTP POST call to /v4/deployments/{id}/releases: imports a flow package ZIP (part {@code data}). */
    @POST
    @Path("/v4/deployments/{id}/releases")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    Uni<TrifactaImportResult> importRelease(@RestPath long id, ClientMultipartForm form);

    /** HTTP POST call to /v4/deployments/{id}/releases/dryRun: checks a package, stores nothing. */
    @POST
    @Path("/v4/deployments/{id}/releases/dryRun")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    Uni<TrifactaImportResult> dryRunImport(@RestPath long id, ClientMultipartForm form);

    /** HTTP POST call to /{v3|v4}/deployments/{id}/run (seed 002): runs the active release, with optional overrides. */
    @POST
    @Path("/{version}/deployments/{id}/run")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<TrifactaList<TrifactaRunResult>> run(@RestPath String version, @RestPath long id, TrifactaRunRequest request);

    /** HTTP GET call to /v4/jobGroups?limit=&offset=&sort=: one page of job groups (JobGroups Get List v4). */
    @GET
    @Path("/v4/jobGroups")
    Uni<TrifactaList<TrifactaJobGroup>> listJobGroups(@RestQuery int limit, @RestQuery int offset,
            @RestQuery String sort);

    /** HTTP GET call to /v4/jobGroups/{id}?embed=jobs, conditional when validators are given. */
    @GET
    @Path("/v4/jobGroups/{id}")
    Uni<RestResponse<TrifactaJobGroup>> getJobGroup(@RestPath long id, @RestQuery String embed,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @HeaderParam(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return TrifactaErrors.fromResponse(response);
    }
}
