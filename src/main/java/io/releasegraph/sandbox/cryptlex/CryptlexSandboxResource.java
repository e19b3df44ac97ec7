package io.releasegraph.sandbox.cryptlex;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Simulates the Releases endpoints of the Cryptlex Web API v3. A client whose base URL is
 * {@code http://host:port/sandbox/cryptlex} sees the real paths. Auth and rate limiting are in
 * {@link CryptlexAccessFilter}; state is in {@link CryptlexSandboxState}.
 */
@Path("/sandbox/cryptlex/v3")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class CryptlexSandboxResource {

    private final CryptlexSandboxState state;
    private final CryptlexWebhookSender webhooks;
    private final ObjectMapper mapper;

    public CryptlexSandboxResource(CryptlexSandboxState state, CryptlexWebhookSender webhooks, ObjectMapper mapper) {
        this.state = state;
        this.webhooks = webhooks;
        this.mapper = mapper;
    }

    /** HTTP GET /v3/releases: filtered, sorted, paged; a bare array, empty past the last page. */
    @GET
    @Path("releases")
    public List<CryptlexRelease> listReleases(@Context UriInfo uri) {
        Paging paging = Paging.from(uri.getQueryParameters());
        return paging.apply(state.releases(ReleaseQuery.from(uri.getQueryParameters())));
    }

    /** HTTP POST /v3/releases: 201 with the new release. */
    @POST
    @Path("releases")
    public RestResponse<CryptlexRelease> createRelease(String body) {
        CryptlexRelease created = state.create(ReleaseInput.forCreate(JsonBodies.read(mapper, body)));
        return RestResponse.status(Response.Status.CREATED, created);
    }

    /** HTTP GET /v3/releases/{id}. */
    @GET
    @Path("releases/{id}")
    public CryptlexRelease getRelease(@RestPath String id) {
        return state.release(id);
    }

    /** HTTP PATCH /v3/releases/{id}: partial merge, then the release.updated webhook. */
    @PATCH
    @Path("releases/{id}")
    public CryptlexRelease updateRelease(@RestPath String id, String body) {
        CryptlexRelease updated = state.update(id, ReleaseInput.forUpdate(JsonBodies.read(mapper, body)));
        webhooks.releaseUpdated(updated);
        return updated;
    }

    /** HTTP DELETE /v3/releases/{id}: 204. */
    @DELETE
    @Path("releases/{id}")
    public void deleteRelease(@RestPath String id) {
        state.delete(id);
    }

    /** HTTP POST /v3/releases/{id}/publish: freezes the release, then the release.updated webhook. */
    @POST
    @Path("releases/{id}/publish")
    public CryptlexRelease publishRelease(@RestPath String id) {
        CryptlexRelease published = state.publish(id);
        webhooks.releaseUpdated(published);
        return published;
    }

    /** HTTP GET /v3/release-files: optionally of one release; paged like releases. */
    @GET
    @Path("release-files")
    public List<CryptlexReleaseFile> listReleaseFiles(@Context UriInfo uri) {
        Paging paging = Paging.from(uri.getQueryParameters());
        return paging.apply(state.files(QueryParams.text(uri.getQueryParameters(), "releaseId")));
    }

    /** HTTP POST /v3/release-files: adds an external file; 201. */
    @POST
    @Path("release-files")
    public RestResponse<CryptlexReleaseFile> createReleaseFile(String body) {
        CryptlexReleaseFile created = state.addFile(ReleaseFileInput.parse(JsonBodies.read(mapper, body)));
        return RestResponse.status(Response.Status.CREATED, created);
    }

    /** HTTP GET /v3/release-files/{id}. */
    @GET
    @Path("release-files/{id}")
    public CryptlexReleaseFile getReleaseFile(@RestPath String id) {
        return state.file(id);
    }

    /** HTTP DELETE /v3/release-files/{id}: 204. */
    @DELETE
    @Path("release-files/{id}")
    public void deleteReleaseFile(@RestPath String id) {
        state.deleteFile(id);
    }

    /** Scoped to this resource, so the rest of the application keeps its own error format. */
    @ServerExceptionMapper
    public Response toCryptlexError(CryptlexApiException e) {
        return e.toResponse();
    }
}
