package io.releasegraph.provider.launchdarkly;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.provider.UpstreamFailures;
import io.releasegraph.provider.launchdarkly.dto.LdPatchOperation;
import io.releasegraph.provider.launchdarkly.dto.LdRelease;
import io.releasegraph.provider.launchdarkly.dto.LdReleasePipeline;
import io.releasegraph.provider.launchdarkly.dto.LdReleasePipelineCollection;
import io.releasegraph.provider.launchdarkly.dto.LdReleaseProgressionCollection;
import io.releasegraph.provider.launchdarkly.dto.LdUpdatePhaseStatusInput;
import io.smallrye.mutiny.Uni;

/** LaunchDarkly REST API v2, Releases (beta) and Release pipelines (beta), as a declaration. */
@Path("/api/v2")
@RegisterRestClient(configKey = "launchdarkly")
@RegisterClientHeaders(LaunchDarklyHeaders.class)
@Produces(MediaType.APPLICATION_JSON)
interface LaunchDarklyRestClient {

    /** HTTP GET call to /api/v2/flags/{projectKey}/{flagKey}/release: the flag's current release. */
    @GET
    @Path("/flags/{projectKey}/{flagKey}/release")
    Uni<LdRelease> getRelease(@RestPath String projectKey, @RestPath String flagKey);

    /**
     * HTTP PATCH call to /api/v2/flags/{projectKey}/{flagKey}/release with a JSON Patch; legacy pipelines only.
     * The vendor wants {@code application/json} here, not {@code application/json-patch+json}.
     */
    @PATCH
    @Path("/flags/{projectKey}/{flagKey}/release")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<LdRelease> patchRelease(@RestPath String projectKey, @RestPath String flagKey, List<LdPatchOperation> patch);

    /** HTTP PUT call to /api/v2/projects/{projectKey}/flags/{flagKey}/release/phases/{phaseId}; new pipelines only. */
    @PUT
    @Path("/projects/{projectKey}/flags/{flagKey}/release/phases/{phaseId}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<LdRelease> updatePhaseStatus(@RestPath String projectKey, @RestPath String flagKey, @RestPath String phaseId,
            LdUpdatePhaseStatusInput input);

    /** HTTP GET call to /api/v2/projects/{projectKey}/release-pipelines: one page of the project's pipelines. */
    @GET
    @Path("/projects/{projectKey}/release-pipelines")
    Uni<LdReleasePipelineCollection> listPipelines(@RestPath String projectKey, @RestQuery int limit,
            @RestQuery int offset);

    /** HTTP GET call to /api/v2/projects/{projectKey}/release-pipelines/{pipelineKey}. */
    @GET
    @Path("/projects/{projectKey}/release-pipelines/{pipelineKey}")
    Uni<LdReleasePipeline> getPipeline(@RestPath String projectKey, @RestPath String pipelineKey);

    /** HTTP GET call to /api/v2/projects/{projectKey}/release-pipelines/{pipelineKey}/releases: one page of progress. */
    @GET
    @Path("/projects/{projectKey}/release-pipelines/{pipelineKey}/releases")
    Uni<LdReleaseProgressionCollection> listProgressions(@RestPath String projectKey, @RestPath String pipelineKey,
            @RestQuery int limit, @RestQuery int offset);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return UpstreamFailures.fromResponse(ReleaseSource.LAUNCHDARKLY, response);
    }
}
