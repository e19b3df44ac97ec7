package io.releasegraph.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.InjectWireMock;
import io.releasegraph.support.LaunchDarklyWireMock;
import io.releasegraph.support.TrifactaWireMock;
import io.releasegraph.support.Zips;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.releasegraph.support.PackageUpload;

/**
 * Timeouts per operation and per request, with the shipped transport settings (REST client read timeouts as in
 * application.properties): an import slower than a read's timeout still succeeds because importRelease's own timeout
 * decides, and a request whose upstream is slower than the request budget answers at the budget with
 * {@code UPSTREAM_TIMEOUT} for that part only. Delays are WireMock's fixed delays.
 */
@QuarkusTest
@TestProfile(TimeoutBudgetTest.ShortBudget.class)
@WithTestResource(TrifactaWireMock.class)
@WithTestResource(LaunchDarklyWireMock.class)
class TimeoutBudgetTest {

    static final Duration BUDGET = Duration.ofSeconds(2);
    /** Below every operation timeout (10 s) and LaunchDarkly's read timeout: only the budget can cut it. */
    static final int SLOW_READ_MILLIS = 9000;
    /** Above the default operation timeout and the old 10 s read timeout, below importRelease's 60 s. */
    static final int SLOW_IMPORT_MILLIS = 15000;

    public static class ShortBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The transport's read timeouts and the operation timeouts stay the shipped ones; only the budget is short.
            return Map.of("gateway.request-budget.default", BUDGET.toString(),
                    "gateway.cache.enabled", "false",
                    "gateway.trifacta.token", "test-trifacta-token");
        }
    }


    @InjectWireMock("trifacta")
    WireMockServer trifacta;

    @InjectWireMock("launchdarkly")
    WireMockServer launchDarkly;

    @BeforeEach
    void resetUpstreams() {
        trifacta.resetAll();
        launchDarkly.resetAll();
    }

    @Test
    void anImportAnsweredAfterFifteenSecondsSucceedsBecauseItsOwnTimeoutDecides() throws JsonProcessingException {
        String release = "{\"id\":5,\"notes\":\"flow 5\",\"packageUuid\":\"0f6c-5\",\"active\":true,"
                + "\"createdAt\":\"2025-01-01T10:00:05.000Z\",\"updatedAt\":\"2025-01-02T10:00:00.000Z\","
                + "\"deployment\":{\"id\":1}}";
        trifacta.stubFor(get(urlPathEqualTo("/v4/deployments/1")).willReturn(okJson("{\"id\":1,\"name\":\"Sales ETL\","
                + "\"createdAt\":\"2025-01-02T10:00:00.000Z\",\"updatedAt\":\"2025-02-01T10:00:00.000Z\","
                + "\"numReleases\":1,\"latestRelease\":null,\"creator\":{\"id\":3},\"updater\":{\"id\":3},"
                + "\"releases\":{\"data\":[" + release + "]}}")));
        trifacta.stubFor(post(urlPathEqualTo("/v4/deployments/1/releases")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"importRuleChanges\":{\"object\":[],\"value\":[]},\"primaryFlowIds\":[6],"
                        + "\"flows\":[{\"id\":6,\"name\":\"Slow Flow\"}],\"release\":" + release + "}")
                .withFixedDelay(SLOW_IMPORT_MILLIS)));

        Map<String, Object> variables = new HashMap<>();
        variables.put("deploymentId", Ids.deployment(1));
        variables.put("dryRun", false);
        long started = System.nanoTime();
        ExtractableResponse<Response> answer = PackageUpload.of("importRelease", variables, "package.zip",
                        Zips.flowPackage("Slow Flow"))
                .when().post("/graphql")
                .then().statusCode(200).extract();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer.<Object> path("errors")).as("%s", answer.asString()).isNull();
        assertThat(answer.<List<String>> path("data.importRelease.flowNames")).containsExactly("Slow Flow");
        assertThat(answer.<String> path("data.importRelease.release.id")).isEqualTo(Ids.deploymentRelease(5));
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(SLOW_IMPORT_MILLIS));
        trifacta.verify(1, postRequestedFor(urlPathEqualTo("/v4/deployments/1/releases")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "compiled", "smallrye" })
    void aRequestWithAnUpstreamSlowerThanTheBudgetAnswersWithinItWithUpstreamTimeout(String engine) {
        LaunchDarklyFaults faults = new LaunchDarklyFaults();
        Map<String, String> headers = engine.equals("smallrye") ? Map.of("X-Releasegraph-Engine", "smallrye") : Map.of();
        // Warm: the first request of a boot spends seconds outside any upstream call on a loaded machine.
        faults.workingReadStubs().forEach(launchDarkly::stubFor);
        launchDarkly.stubFor(faults.readStub(okJson(faults.okReadBody())));
        GraphQLClient.post(faults.readDocument(), faults.readVariables(), headers).statusCode(200);
        launchDarkly.stubFor(faults.readStub(okJson(faults.okReadBody()).withFixedDelay(SLOW_READ_MILLIS)));

        long started = System.nanoTime();
        ExtractableResponse<Response> answer = GraphQLClient.post(faults.readDocument(), faults.readVariables(), headers)
                .statusCode(200).extract();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("answered by the budget, not by the slow upstream").isLessThan(
                Duration.ofMillis(SLOW_READ_MILLIS / 2)).isGreaterThanOrEqualTo(BUDGET.minusMillis(100));
        assertThat(answer.<List<String>> path("errors.extensions.code")).as("%s", answer.asString())
                .containsExactly("UPSTREAM_TIMEOUT");
        assertThat(answer.<List<List<String>>> path("errors.path")).containsExactly(List.of("broken"));
        assertThat(answer.<Object> path("data.working.id")).isNotNull();
        assertThat(answer.<Object> path("data.broken")).isNull();
    }
}
