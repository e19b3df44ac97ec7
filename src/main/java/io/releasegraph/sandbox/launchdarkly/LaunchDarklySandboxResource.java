package io.releasegraph.sandbox.launchdarkly;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.releasegraph.sandbox.launchdarkly.LdWire.CreateReleaseInput;
import io.releasegraph.sandbox.launchdarkly.LdWire.Release;
import io.releasegraph.sandbox.launchdarkly.LdWire.ReleasePipeline;
import io.releasegraph.sandbox.launchdarkly.LdWire.ReleasePipelineCollection;
import io.releasegraph.sandbox.launchdarkly.LdWire.ReleaseProgressionCollection;
import io.releasegraph.sandbox.launchdarkly.LdWire.UpdatePhaseStatusInput;
import io.releasegraph.sandbox.launchdarkly.ListParams.Page;

/**
 * LaunchDarkly REST API v2, "Releases (beta)" and "Release pipelines (beta)", as a sandbox: a client whose base URL
 * is {@code http://host:port/sandbox/launchdarkly} sees the vendor's paths. Headers and rate limit are checked
 * earlier, in {@link LaunchDarklySandboxFilter}.
 *
 * <p>Bodies are read as text and parsed here, so an unparseable or mistyped body is the vendor's 400
 * {@code invalid_request} rather than the framework's own error. (The vendor mentions 422 for an unparseable patch,
 * but the spec lists no 422 for these operations, so the sandbox answers 400.)
 */
@Path(LaunchDarklySandboxFilter.PATH_PREFIX)
@Produces(MediaType.APPLICATION_JSON)
public class LaunchDarklySandboxResource {

    private final LaunchDarklyStore store;
    private final ObjectMapper mapper;

    public LaunchDarklySandboxResource(LaunchDarklyStore store, ObjectMapper mapper) {
        this.store = store;
        this.mapper = mapper;
    }

    /** GET the flag's current release. */
    @GET
    @Path("api/v2/flags/{projectKey}/{flagKey}/release")
    public Release getRelease(@RestPath String projectKey, @RestPath String flagKey) {
        return store.release(projectKey, flagKey);
    }

    /** PATCH the release with JSON Patch (legacy pipelines only): mark phases complete or incomplete. */
    @PATCH
    @Path("api/v2/flags/{projectKey}/{flagKey}/release")
    public Release patchRelease(@RestPath String projectKey, @RestPath String flagKey, String body) {
        return store.patchRelease(projectKey, flagKey, parse(body));
    }

    /** DELETE the release: 204, no body. */
    @DELETE
    @Path("api/v2/flags/{projectKey}/{flagKey}/release")
    public void deleteRelease(@RestPath String projectKey, @RestPath String flagKey) {
        store.deleteRelease(projectKey, flagKey);
    }

    /** PUT a flag on a release pipeline; the vendor answers 200, not 201. */
    @PUT
    @Path("api/v2/projects/{projectKey}/flags/{flagKey}/release")
    public Release createRelease(@RestPath String projectKey, @RestPath String flagKey, String body) {
        return store.createRelease(projectKey, flagKey, read(body, CreateReleaseInput.class));
    }

    /** PUT a phase's status (new pipelines only). */
    @PUT
    @Path("api/v2/projects/{projectKey}/flags/{flagKey}/release/phases/{phaseId}")
    public Release updatePhaseStatus(@RestPath String projectKey, @RestPath String flagKey,
            @RestPath String phaseId, String body) {
        return store.updatePhaseStatus(projectKey, flagKey, phaseId, read(body, UpdatePhaseStatusInput.class));
    }

    /** GET the project's release pipelines, filtered by {@code query:} and {@code env:}, paged. */
    @GET
    @Path("api/v2/projects/{projectKey}/release-pipelines")
    public ReleasePipelineCollection pipelines(@RestPath String projectKey, @RestQuery String filter,
            @RestQuery String limit, @RestQuery String offset) {
        return store.pipelines(projectKey, filter, Page.parse(limit, offset));
    }

    /** GET one release pipeline. */
    @GET
    @Path("api/v2/projects/{projectKey}/release-pipelines/{pipelineKey}")
    public ReleasePipeline pipeline(@RestPath String projectKey, @RestPath String pipelineKey) {
        return store.pipeline(projectKey, pipelineKey);
    }

    /** GET the progress of the pipeline's releases, filtered by {@code status:} and {@code activePhaseId:}, paged. */
    @GET
    @Path("api/v2/projects/{projectKey}/release-pipelines/{pipelineKey}/releases")
    public ReleaseProgressionCollection progressions(@RestPath String projectKey, @RestPath String pipelineKey,
            @RestQuery String filter, @RestQuery String limit, @RestQuery String offset) {
        return store.progressions(projectKey, pipelineKey, filter, Page.parse(limit, offset));
    }

    // Any other path or method gets the vendor's JSON 404 instead of the framework's HTML page; the specific
    // templates above always win over this catch-all.

    @GET
    @Path("{path: .*}")
    public Response unknownGet(@RestPath String path) {
        throw unknownRoute(path);
    }

    @POST
    @Path("{path: .*}")
    public Response unknownPost(@RestPath String path) {
        throw unknownRoute(path);
    }

    @PUT
    @Path("{path: .*}")
    public Response unknownPut(@RestPath String path) {
        throw unknownRoute(path);
    }

    @PATCH
    @Path("{path: .*}")
    public Response unknownPatch(@RestPath String path) {
        throw unknownRoute(path);
    }

    @DELETE
    @Path("{path: .*}")
    public Response unknownDelete(@RestPath String path) {
        throw unknownRoute(path);
    }

    private static LdApiException unknownRoute(String path) {
        return LdApiException.notFound("No LaunchDarkly sandbox resource at /" + path);
    }

    @ServerExceptionMapper
    public Response mapApiError(LdApiException e) {
        return LdErrors.response(e);
    }

    @ServerExceptionMapper
    public Response mapFrameworkError(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return LdErrors.response(status, LdErrors.codeFor(status), e.getMessage());
    }

    /** Anything unexpected is logged here and answered as JSON, never with a stack trace. */
    @ServerExceptionMapper
    public Response mapUnexpected(Exception e) {
        Log.errorf(e, "LaunchDarkly sandbox failed");
        return LdErrors.response(500, "internal_server_error", "Unexpected error in the LaunchDarkly sandbox");
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw LdApiException.invalidRequest("A JSON request body is required");
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw LdApiException.invalidRequest("The request body is not valid JSON");
        }
    }

    private <T> T read(String body, Class<T> type) {
        JsonNode json = parse(body);
        if (!json.isObject()) {
            throw LdApiException.invalidRequest("The request body must be a JSON object");
        }
        try {
            return mapper.treeToValue(json, type);
        } catch (JsonProcessingException e) {
            throw LdApiException.invalidRequest("The request body does not match " + type.getSimpleName());
        }
    }
}
