package io.releasegraph.cache;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JavaType;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.InjectWireMock;
import io.releasegraph.support.MutableClock;
import io.releasegraph.support.PrometheusMetrics;
import io.releasegraph.support.TrifactaWireMock;
import io.restassured.path.json.JsonPath;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * With the cache off, identical upstream reads in flight are shared, but only with requests that began before the
 * read started, and never across a write the gateway made: no answer holds data older than its request. Upstream
 * delays are WireMock's fixed delays; the order of events is set by waiting (Awaitility) for WireMock to have seen a
 * call before the next request is sent.
 */
@QuarkusTest
@WithTestResource(TrifactaWireMock.class)
@TestProfile(CacheDisabledTest.Strict.class)
class SharedReadsTest {

    private static final String DEPLOYMENT_7 = "/v4/deployments/7";
    private static final String RELEASE_71 = "/v4/releases/71";
    private static final String RELEASE_72 = "/v4/releases/72";

    private static final CacheKey EVICTED = CacheKey.of("trifacta", "sharedReadsTest", 1);
    private static final JavaType STRING = CacheTypes.of(String.class);

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    UpstreamCache cache;

    @Inject
    MutableClock clock;

    @Inject
    Vertx vertx;

    private ExecutorService clients;

    @BeforeEach
    void upstream() {
        wireMock.resetAll();
        clients = Executors.newFixedThreadPool(3);
    }

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void aReadStartedAfterARequestBeganIsSharedWithItWhenItNeedsTheSameObject() throws Exception {
        // The release first (slow), then its deployment: by then the second request's read of that deployment runs.
        wireMock.stubFor(get(urlPathEqualTo(RELEASE_71)).willReturn(okJson(release(71)).withFixedDelay(1500)));
        wireMock.stubFor(get(urlPathEqualTo(DEPLOYMENT_7))
                .willReturn(okJson(deployment("Finance")).withFixedDelay(3000)));
        double shared = sharedReads();

        CompletableFuture<JsonPath> release = async("release", Map.of("id", Ids.deploymentRelease(71)));
        awaitCalled(RELEASE_71);
        CompletableFuture<JsonPath> deployment = async("deploymentName", Map.of("id", Ids.deployment(7)));

        assertThat(release.get(30, TimeUnit.SECONDS).getString("data.release.deployment.name")).isEqualTo("Finance");
        assertThat(deployment.get(30, TimeUnit.SECONDS).getString("data.deployment.name")).isEqualTo("Finance");
        wireMock.verify(1, getRequestedFor(urlPathEqualTo(DEPLOYMENT_7)));
        assertThat(sharedReads()).isEqualTo(shared + 1);
    }

    @Test
    void aRequestThatBeganAfterAReadStartedReadsForItself() throws Exception {
        wireMock.stubFor(get(urlPathEqualTo(DEPLOYMENT_7))
                .willReturn(okJson(deployment("Finance")).withFixedDelay(2000)));
        double shared = sharedReads();

        CompletableFuture<JsonPath> first = async("deploymentName", Map.of("id", Ids.deployment(7)));
        awaitCalled(DEPLOYMENT_7);
        CompletableFuture<JsonPath> second = async("deploymentName", Map.of("id", Ids.deployment(7)));

        assertThat(first.get(30, TimeUnit.SECONDS).getString("data.deployment.name")).isEqualTo("Finance");
        assertThat(second.get(30, TimeUnit.SECONDS).getString("data.deployment.name")).isEqualTo("Finance");
        wireMock.verify(2, getRequestedFor(urlPathEqualTo(DEPLOYMENT_7)));
        assertThat(sharedReads()).isEqualTo(shared);
    }

    @Test
    void aReadStartedBeforeAnEvictionIsNotSharedAfterIt() throws Exception {
        List<CompletableFuture<String>> upstream = new CopyOnWriteArrayList<>();
        Supplier<Uni<String>> loader = () -> Uni.createFrom().deferred(() -> {
            CompletableFuture<String> call = new CompletableFuture<>(); // an upstream call, made on subscription
            upstream.add(call);
            return Uni.createFrom().completionStage(call);
        });
        Instant earlier = clock.instant();
        clock.advance(Duration.ofMillis(1));

        // A read started after the first request began, then a write's eviction of what it reads.
        CompletableFuture<String> before = onRequest(clock.instant(), () -> cache.get(EVICTED, STRING, loader));
        await().atMost(Duration.ofSeconds(10)).until(() -> upstream.size() == 1);
        cache.evict(EVICTED).await().atMost(Duration.ofSeconds(10));
        CompletableFuture<String> after = onRequest(earlier, () -> cache.get(EVICTED, STRING, loader));

        await("the request reads for itself after the eviction").atMost(Duration.ofSeconds(10))
                .until(() -> upstream.size() == 2);
        upstream.get(0).complete("before the write");
        upstream.get(1).complete("after the write");
        assertThat(before.get(10, TimeUnit.SECONDS)).isEqualTo("before the write");
        assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo("after the write");
    }

    @Test
    void aRequestThatReadsAfterAWriteGetsWhatTheWriteMade() throws Exception {
        // Deployment 7 says "Finance" until release 71 is deactivated, "Finance v2" after.
        wireMock.stubFor(get(urlPathEqualTo(RELEASE_72)).willReturn(okJson(release(72)).withFixedDelay(3000)));
        wireMock.stubFor(get(urlPathEqualTo(RELEASE_71)).willReturn(okJson(release(71))));
        wireMock.stubFor(get(urlPathEqualTo(DEPLOYMENT_7)).inScenario("write").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(deployment("Finance")).withFixedDelay(6000)));
        wireMock.stubFor(patch(urlPathEqualTo(RELEASE_71)).inScenario("write").willSetStateTo("written")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(release(71))));
        wireMock.stubFor(get(urlPathEqualTo(DEPLOYMENT_7)).inScenario("write").whenScenarioStateIs("written")
                .willReturn(okJson(deployment("Finance v2"))));

        // Began before the old read started; reaches deployment 7 only after the write.
        CompletableFuture<JsonPath> reader = async("release", Map.of("id", Ids.deploymentRelease(72)));
        awaitCalled(RELEASE_72);
        CompletableFuture<JsonPath> before = async("deploymentName", Map.of("id", Ids.deployment(7)));
        awaitCalled(DEPLOYMENT_7);
        GraphQLClient.post("deactivateRelease", Map.of("releaseId", Ids.deploymentRelease(71))).statusCode(200)
                .body("errors", org.hamcrest.Matchers.nullValue());

        assertThat(reader.get(30, TimeUnit.SECONDS).getString("data.release.deployment.name"))
                .as("read after the write, not shared with the read started before it").isEqualTo("Finance v2");
        assertThat(before.get(30, TimeUnit.SECONDS).getString("data.deployment.name")).isEqualTo("Finance");
    }

    /** Runs the read as a request begun at that moment would: on its own duplicated context, with its CacheRequest. */
    private <T> CompletableFuture<T> onRequest(Instant begunAt, Supplier<Uni<T>> read) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        Context request = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        request.runOnContext(ignored -> {
            CacheRequest.attach(new CacheRequest(false, begunAt));
            read.get().subscribe().with(answer::complete, answer::completeExceptionally);
        });
        return answer;
    }

    private CompletableFuture<JsonPath> async(String document, Map<String, Object> variables) {
        return CompletableFuture.supplyAsync(() -> GraphQLClient.post(document, variables).statusCode(200)
                .extract().jsonPath(), clients);
    }

    private void awaitCalled(String path) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !wireMock.findAll(getRequestedFor(urlPathEqualTo(path))).isEmpty());
    }

    private static double sharedReads() {
        return PrometheusMetrics.sum("releasegraph_cache_shared_total", "kind", "deployment");
    }

    private static String release(long id) {
        return "{\"id\":" + id + ",\"notes\":\"flow " + id + "\",\"packageUuid\":\"0f6c-" + id + "\",\"active\":true,"
                + "\"createdAt\":\"2025-01-01T10:00:11.000Z\",\"updatedAt\":\"2025-01-02T10:00:00.000Z\","
                + "\"deployment\":{\"id\":7}}";
    }

    private static String deployment(String name) {
        return "{\"id\":7,\"name\":\"" + name + "\",\"createdAt\":\"2025-01-08T10:00:00.000Z\","
                + "\"updatedAt\":\"2025-02-01T10:00:00.000Z\",\"numReleases\":2,\"creator\":{\"id\":3},"
                + "\"updater\":{\"id\":3},\"releases\":{\"data\":[" + release(71) + "," + release(72) + "]}}";
    }
}
