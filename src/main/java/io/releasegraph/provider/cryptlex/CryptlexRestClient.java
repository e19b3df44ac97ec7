package io.releasegraph.provider.cryptlex;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
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
import io.releasegraph.provider.cryptlex.dto.CryptlexRelease;
import io.releasegraph.provider.cryptlex.dto.CryptlexReleaseFile;
import io.releasegraph.provider.cryptlex.dto.CryptlexReleasePatch;
import io.smallrye.mutiny.Uni;

/**
 * Cryptlex Web API v3, Releases, as a declaration. Only {@link CryptlexClient} uses it. Path IDs arrive encoded
 * ({@code PathSegments.encode}), so {@code .} and {@code ..} stay literal segments.
 */
@Path("/v3")
@RegisterRestClient(configKey = "cryptlex")
@RegisterClientHeaders(CryptlexAuthHeaders.class)
@Produces(MediaType.APPLICATION_JSON)
interface CryptlexRestClient {

    /** HTTP GET call to /v3/releases: one page (1-based) as a bare array, empty past the end; null filters are left out. */
    @GET
    @Path("/releases")
    Uni<List<CryptlexRelease>> listReleases(@RestQuery int page, @RestQuery int limit, @RestQuery String productId,
            @RestQuery String channel, @RestQuery String platform, @RestQuery Boolean published,
            @RestQuery("private") Boolean isPrivate, @RestQuery("query") String search);

    /** HTTP GET call to /v3/releases/{id}. */
    @GET
    @Path("/releases/{id}")
    Uni<CryptlexRelease> getRelease(@Encoded @RestPath String id);

    /** HTTP PATCH call to /v3/releases/{id}: a partial update with only the fields sent; answers the full release. */
    @PATCH
    @Path("/releases/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<CryptlexRelease> updateRelease(@Encoded @RestPath String id, CryptlexReleasePatch patch);

    /** HTTP POST call to /v3/releases/{id}/publish: freezes the release; it is read-only afterwards. */
    @POST
    @Path("/releases/{id}/publish")
    Uni<CryptlexRelease> publishRelease(@Encoded @RestPath String id);

    /** HTTP GET call to /v3/release-files: one page of a release's files, as a bare array. */
    @GET
    @Path("/release-files")
    Uni<List<CryptlexReleaseFile>> listReleaseFiles(@RestQuery String releaseId, @RestQuery int page,
            @RestQuery int limit);

    /** HTTP GET call to /v3/release-files/{id}. */
    @GET
    @Path("/release-files/{id}")
    Uni<CryptlexReleaseFile> getReleaseFile(@Encoded @RestPath String id);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return UpstreamFailures.fromResponse(ReleaseSource.CRYPTLEX, response);
    }
}
