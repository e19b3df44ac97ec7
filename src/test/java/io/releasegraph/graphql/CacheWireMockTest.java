package io.releasegraph.graphql;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.support.CleanSlate;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.InjectWireMock;
import io.releasegraph.support.MutableClock;
import io.releasegraph.support.PrometheusMetrics;
import io.releasegraph.support.TrifactaWireMock;

/** The cache in front of a Trifacta that WireMock plays, where every upstream call can be counted. */
@QuarkusTest
@WithTestResource(TrifactaWireMock.class)
class CacheWireMockTest {

    private static final Map<String, String> NO_CACHE = Map.of("Cache-Control", "no-cache");
    private static final String DEPLOYMENT_7 = "{\"id\":7,\"name\":\"Finance\",\"createdAt\":\"2025-01-08T10:00:00.000Z\","
            + "\"updatedAt\":\"2025-02-01T10:00:00.000Z\",\"numReleases\":1,\"creator\":{\"id\":3},\"updater\":{\"id\":3},"
            + "\"releases\":{\"data\":[{\"id\":71,\"notes\":\"flow 71\",\"packageUuid\":\"0f6c-71\",\"active\":true,"
            + "\"createdAt\":\"2025-01-01T10:00:11.000Z\",\"updatedAt\":\"2025-01-02T10:00:00.000Z\","
            + "\"deployment\":{\"id\":7}}]}}";

    private static final String RELEASE_71 = "{\"id\":71,\"notes\":\"flow 71\",\"packageUuid\":\"0f6c-71\","
            + "\"active\":true,\"createdAt\":\"2025-01-01T10:00:11.000Z\",\"updatedAt\":\"2025-01-02T10:00:00.000Z\","
            + "\"deployment\":{\"id\":7}}";
    private static final String ETAG_71 = "\"r71-v1\"";

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    CleanSlate cleanSlate;

    @Inject
    MutableClock clock;

    private ExecutorService clients;

    @BeforeEach
    void coldCache() {
        wireMock.resetAll();
        cleanSlate.clearCache();
        clients = Executors.newFixedThreadPool(5);
    }

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void concurrentIdenticalRequestsCauseOneUpstreamCall() throws Exception {
        wireMock.stubFor(get(urlPathEqualTo("/v4/deployments/7"))
                .willReturn(okJson(DEPLOYMENT_7).withFixedDelay(500)));

        Callable<String> query = () -> GraphQLClient.post("deploymentCache", Map.of("id", Ids.deployment(7)))
                .statusCode(200).body("errors", nullValue())
                .extract().path("data.deployment.activeRelease.id");
        List<Future<String>> answers = clients.invokeAll(IntStream.range(0, 5).mapToObj(i -> query).toList());

        for (Future<String> answer : answers) {
            assertThat(answer.get()).isEqualTo(Ids.deploymentRelease(71));
        }
        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/v4/deployments/7")));
    }

    @Test
    void aRepeatedQueryIsAnsweredWithoutCallingTheUpstreamAndNoCacheCallsItAgain() {
        wireMock.stubFor(get(urlPathEqualTo("/v4/deployments/7")).willReturn(okJson(DEPLOYMENT_7)));

        String first = fetchedAt(Map.of());
        String second = fetchedAt(Map.of());
        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/v4/deployments/7")));
        assertThat(second).as("the cached copy says when it was fetched").isEqualTo(first);

        String refreshed = fetchedAt(NO_CACHE);
        wireMock.verify(2, getRequestedFor(urlPathEqualTo("/v4/deployments/7")));
        assertThat(refreshed).isNotEqualTo(first);
    }

    @Test
    void anUpstreamErrorIsCoveredByTheLastGoodCopyMarkedStale() {
        wireMock.stubFor(get(urlPathEqualTo("/v4/deployments/7")).willReturn(okJson(DEPLOYMENT_7)));
        String fetchedAt = fetchedAt(Map.of());
        wireMock.stubFor(get(urlPathEqualTo("/v4/deployments/7")).willReturn(aResponse().withStatus(502)));

        GraphQLClient.post("deploymentCache", Map.of("id", Ids.deployment(7)), NO_CACHE).statusCode(200)
                .body("errors", nullValue())
                .body("data.deployment.activeRelease.id", equalTo(Ids.deploymentRelease(71)))
                .body("data.deployment.cache.stale", equalTo(true))
                .body("data.deployment.cache.fetchedAt", equalTo(fetchedAt))
                .body("extensions.warnings[0].code", equalTo("STALE_DATA"))
                .body("extensions.warnings[0].upstream", equalTo("trifacta"))
                .body("extensions.warnings[0].kind", equalTo("deployment"))
                .body("extensions.warnings[0].fetchedAt", equalTo(fetchedAt));
        // The good read, then the failing read and its two retries (reads retry a 5xx before the cache steps in).
        wireMock.verify(4, getRequestedFor(urlPathEqualTo("/v4/deployments/7")));
    }

    @Test
    void withoutACopyTheUpstreamErrorStands() {
        wireMock.stubFor(get(urlPathEqualTo("/v4/deployments/7")).willReturn(aResponse().withStatus(502)));

        GraphQLClient.post("deploymentCache", Map.of("id", Ids.deployment(7))).statusCode(200)
                .body("data.deployment", nullValue())
                .body("errors[0].extensions.code", equalTo("UPSTREAM_ERROR"))
                .body("extensions", nullValue());
    }

    @Test
    void notFoundIsAnAnswerNotAFailureSoNoStaleCopyMasksIt() {
        wireMock.stubFor(get(urlPathEqualTo("/v4/deployments/7")).willReturn(okJson(DEPLOYMENT_7)));
        fetchedAt(Map.of());
        wireMock.stubFor(get(urlPathEqualTo("/v4/deployments/7")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"exception\":{\"name\":\"NotFound\",\"message\":\"gone\"}}")));

        GraphQLClient.post("deploymentCache", Map.of("id", Ids.deployment(7)), NO_CACHE).statusCode(200)
                .body("data.deployment", nullValue())
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"))
                .body("extensions", nullValue());
    }

    @Test
    void anExpiredCopyIsRevalidatedWithItsETagAndA304RenewsItWithoutABody() {
        wireMock.stubFor(get(urlPathEqualTo("/v4/releases/71")).willReturn(okJson(RELEASE_71).withHeader("ETag", ETAG_71)));
        wireMock.stubFor(get(urlPathEqualTo("/v4/releases/71")).withHeader("If-None-Match", WireMock.equalTo(ETAG_71))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", ETAG_71)));
        double revalidations = PrometheusMetrics.sum("releasegraph_cache_revalidations_total", "kind", "release");

        String first = releaseFetchedAt(Map.of());
        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/v4/releases/71")).withoutHeader("If-None-Match"));
        clock.advance(Duration.ofSeconds(1)); // so the renewed fetchedAt differs from the first

        String revalidated = releaseFetchedAt(NO_CACHE);
        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/v4/releases/71"))
                .withHeader("If-None-Match", WireMock.equalTo(ETAG_71)));
        assertThat(OffsetDateTime.parse(revalidated)).as("renewed by the 304").isAfter(OffsetDateTime.parse(first));
        assertThat(PrometheusMetrics.sum("releasegraph_cache_revalidations_total", "kind", "release"))
                .isEqualTo(revalidations + 1);

        assertThat(releaseFetchedAt(Map.of())).as("the renewed copy is cached").isEqualTo(revalidated);
        wireMock.verify(2, getRequestedFor(urlPathEqualTo("/v4/releases/71")));
    }

    @Test
    void withoutValidatorsAnExpiredCopyIsFetchedInFull() {
        wireMock.stubFor(get(urlPathEqualTo("/v4/releases/71")).willReturn(okJson(RELEASE_71)));

        releaseFetchedAt(Map.of());
        releaseFetchedAt(NO_CACHE);
        wireMock.verify(2, getRequestedFor(urlPathEqualTo("/v4/releases/71")).withoutHeader("If-None-Match")
                .withoutHeader("If-Modified-Since"));
    }

    /** A Trifacta release through {@code release(id:)}, which must still read as release 71 of deployment 7. */
    private String releaseFetchedAt(Map<String, String> headers) {
        return GraphQLClient.post("releaseCache", Map.of("id", Ids.deploymentRelease(71)), headers).statusCode(200)
                .body("errors", nullValue())
                .body("data.release.notes", equalTo("flow 71"))
                .body("data.release.active", equalTo(true))
                .body("data.release.cache.stale", equalTo(false))
                .extract().path("data.release.cache.fetchedAt");
    }

    private String fetchedAt(Map<String, String> headers) {
        return GraphQLClient.post("deploymentCache", Map.of("id", Ids.deployment(7)), headers).statusCode(200)
                .body("errors", nullValue())
                .body("data.deployment.cache.stale", equalTo(false))
                .extract().path("data.deployment.cache.fetchedAt");
    }
}
