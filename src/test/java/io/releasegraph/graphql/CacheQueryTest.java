package io.releasegraph.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.cache.UpstreamCache;
import io.releasegraph.sandbox.trifacta.TrifactaSandboxState;
import io.releasegraph.support.CleanSlate;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.PrometheusMetrics;
import io.restassured.http.ContentType;

/** The cache as a client of {@code POST /graphql} sees it, against the sandbox, with the metrics an operator reads. */
@QuarkusTest
class CacheQueryTest {

    private static final Map<String, String> NO_CACHE = Map.of("Cache-Control", "no-cache");

    @Inject
    CleanSlate cleanSlate;

    @Inject
    TrifactaSandboxState trifacta;

    @Inject
    UpstreamCache cache;

    @BeforeEach
    void startClean() {
        cleanSlate.reset();
    }

    @Test
    void aRepeatedQueryCausesNoUpstreamCallAndCountsAHit() {
        GraphQLClient.post("deploymentsCache", Map.of()).statusCode(200).body("errors", nullValue());
        double calls = upstreamCalls("listDeployments");
        double answers = PrometheusMetrics.sum("releasegraph_cache_hits_total", "level", "response");
        assertThat(calls).as("the first query called Trifacta").isPositive();

        GraphQLClient.post("deploymentsCache", Map.of()).statusCode(200).body("errors", nullValue());
        assertThat(upstreamCalls("listDeployments")).isEqualTo(calls);
        assertThat(PrometheusMetrics.sum("releasegraph_cache_hits_total", "level", "response"))
                .as("the whole answer was kept").isEqualTo(answers + 1);

        // another document over the same entry reads it from memory
        double memoryHits = PrometheusMetrics.sum("releasegraph_cache_hits_total", "level", "memory", "kind", "deployments");
        GraphQLClient.post("deployments", Map.of("first", 2)).statusCode(200).body("errors", nullValue());
        assertThat(upstreamCalls("listDeployments")).isEqualTo(calls);
        assertThat(PrometheusMetrics.sum("releasegraph_cache_hits_total", "level", "memory", "kind", "deployments"))
                .isEqualTo(memoryHits + 1);
    }

    @Test
    void theStoreLevelAnswersWhenMemoryIsEmpty() {
        String fetchedAt = GraphQLClient.post("deploymentCache", Map.of("id", Ids.deployment(2))).statusCode(200)
                .extract().path("data.deployment.cache.fetchedAt");
        double calls = upstreamCalls("getDeployment");
        double storeHits = PrometheusMetrics.sum("releasegraph_cache_hits_total", "level", "store", "kind", "deployment");

        cleanSlateMemoryOnly();
        GraphQLClient.post("deploymentCache", Map.of("id", Ids.deployment(2))).statusCode(200)
                .body("data.deployment.cache.fetchedAt", equalTo(fetchedAt));

        assertThat(upstreamCalls("getDeployment")).isEqualTo(calls);
        assertThat(PrometheusMetrics.sum("releasegraph_cache_hits_total", "level", "store", "kind", "deployment"))
                .isEqualTo(storeHits + 1);
    }

    @Test
    void noCacheReadsAChangeTheCacheCannotKnowAbout() {
        // Marketing Attribution: 4 active; changed behind the gateway's back, straight in the sandbox
        GraphQLClient.post("deploymentCache", Map.of("id", Ids.deployment(2))).statusCode(200)
                .body("data.deployment.activeRelease.id", equalTo(Ids.deploymentRelease(4)));
        trifacta.patchRelease(5, new TrifactaSandboxState.ReleasePatch(true, false, null));

        GraphQLClient.post("deploymentCache", Map.of("id", Ids.deployment(2))).statusCode(200)
                .body("data.deployment.activeRelease.id", equalTo(Ids.deploymentRelease(4)));
        GraphQLClient.post("deploymentCache", Map.of("id", Ids.deployment(2)), NO_CACHE).statusCode(200)
                .body("data.deployment.activeRelease.id", equalTo(Ids.deploymentRelease(5)))
                .body("data.deployment.cache.stale", equalTo(false));
        // and the refreshed copy is what everyone reads next
        GraphQLClient.post("deploymentCache", Map.of("id", Ids.deployment(2))).statusCode(200)
                .body("data.deployment.activeRelease.id", equalTo(Ids.deploymentRelease(5)));
    }

    @Test
    void withTrifactaDownANoCacheQueryStillAnswersWithStaleDeploymentsAndAWarning() {
        GraphQLClient.post("deploymentsCache", Map.of()).statusCode(200).body("errors", nullValue());
        double stale = PrometheusMetrics.sum("releasegraph_cache_stale_total", "kind", "deployments");
        setFault("trifacta", "down");

        GraphQLClient.post("deploymentsCache", Map.of(), NO_CACHE).statusCode(200)
                .body("errors", nullValue())
                .body("data.deployments.nodes", not(empty()))
                .body("data.deployments.nodes.cache.stale", everyItem(equalTo(true)))
                .body("extensions.warnings", hasSize(1))
                .body("extensions.warnings[0].code", equalTo("STALE_DATA"))
                .body("extensions.warnings[0].upstream", equalTo("trifacta"));
        assertThat(PrometheusMetrics.sum("releasegraph_cache_stale_total", "kind", "deployments")).isEqualTo(stale + 1);

        setFault("trifacta", "ok");
        GraphQLClient.post("deploymentsCache", Map.of(), NO_CACHE).statusCode(200)
                .body("data.deployments.nodes.cache.stale", everyItem(equalTo(false)))
                .body("extensions", nullValue());
    }

    @Test
    void aDownSandboxAnswers503OnlyForItsOwnPathsAndTheFaultsCanBeRead() {
        setFault("trifacta", "down");

        given().header("Authorization", "Bearer sandbox-trifacta-token").when().get("/sandbox/trifacta/v4/deployments")
                .then().statusCode(503);
        GraphQLClient.post("flagRelease", Map.of("projectKey", "web-app", "flagKey", "new-checkout-flow"))
                .statusCode(200).body("errors", nullValue());
        given().when().get("/sandbox/faults").then().statusCode(200)
                .body("trifacta", equalTo("down"))
                .body("cryptlex", equalTo("ok"))
                .body("launchdarkly", equalTo("ok"));
        given().contentType(ContentType.JSON).body(Map.of("upstream", "trifacta", "mode", "sideways"))
                .when().post("/sandbox/faults").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("upstream", "nowhere", "mode", "down"))
                .when().post("/sandbox/faults").then().statusCode(400);
    }

    @Test
    void metricsNameUpstreamsAndOperationsNeverCredentials() {
        GraphQLClient.post("deploymentCache", Map.of("id", Ids.deployment(1)), NO_CACHE).statusCode(200);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).contains("releasegraph_upstream_calls_total{operation=\"getDeployment\",upstream=\"trifacta\"}");
        assertThat(metrics).contains("releasegraph_cache_misses_total{kind=\"deployment\",upstream=\"trifacta\"}");
        assertThat(metrics).doesNotContain("sandbox-trifacta-token").doesNotContain("Bearer");
    }

    private void cleanSlateMemoryOnly() {
        cache.clearMemory();
    }

    static void setFault(String upstream, String mode) {
        given().contentType(ContentType.JSON).body(Map.of("upstream", upstream, "mode", mode))
                .when().post("/sandbox/faults").then().statusCode(200).body(upstream, equalTo(mode));
    }

    private static double upstreamCalls(String operation) {
        return PrometheusMetrics.sum("releasegraph_upstream_calls_total", "upstream", "trifacta", "operation", operation);
    }
}
