package io.releasegraph.health;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.support.BreakerFixture;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.InjectWireMock;
import io.releasegraph.support.TrifactaWireMock;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/** Readiness: the database decides it; each upstream reports its state in its own check's data. */
@QuarkusTest
@WithTestResource(TrifactaWireMock.class)
class ReadinessTest {

    private static final String TRIFACTA = "checks.find { it.name == 'upstream trifacta' }";

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    BreakerFixture breaker;

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
    }

    @AfterEach
    void closeBreakers() {
        breakers.resetAll();
    }

    @Test
    void readinessListsTheDatabaseAndEveryUpstream() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "upstream trifacta",
                        "upstream cryptlex", "upstream launchdarkly"))
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"));
    }

    @Test
    void livenessDoesNotDependOnUpstreams() {
        failTrifacta();
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void aFailingUpstreamIsReportedDownWhileTheGatewayStaysReady() {
        failTrifacta();

        JsonPath health = readyWithoutCallingUpstreams();
        assertThat(health.getString("status")).isEqualTo("UP");
        assertThat(health.getString(TRIFACTA + ".status")).isEqualTo("UP");
        assertThat(health.getString(TRIFACTA + ".data.state")).isEqualTo("DOWN");
        assertThat(health.getString(TRIFACTA + ".data.basis")).isEqualTo("recent-call");
        assertThat(health.getString(TRIFACTA + ".data.lastCallStatus")).isEqualTo("502");

        wireMock.stubFor(get(urlPathEqualTo("/v4/jobGroups/33"))
                .willReturn(okJson("{\"id\":33,\"status\":\"Complete\",\"jobs\":{\"data\":[]}}")));
        GraphQLClient.post("jobGroup", Map.of("id", Ids.jobGroup(33))).statusCode(200);

        health = readyWithoutCallingUpstreams();
        assertThat(health.getString(TRIFACTA + ".data.state")).isEqualTo("UP");
        assertThat(health.getString(TRIFACTA + ".data.basis")).isEqualTo("recent-call");
    }

    @Test
    void anOpenCircuitBreakerMarksItsUpstreamDown() {
        // Fail until the fixture opens (its own request volume, 2).
        for (int i = 0; i < 20 && io.smallrye.faulttolerance.api.CircuitBreakerMaintenance.get()
                .currentState(BreakerFixture.NAME) != io.smallrye.faulttolerance.api.CircuitBreakerState.OPEN; i++) {
            assertThatThrownBy(breaker::fail).isInstanceOf(IllegalStateException.class);
        }

        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(TRIFACTA + ".data.state", equalTo("DOWN"))
                .body(TRIFACTA + ".data.basis", equalTo("circuit-breaker"))
                .body(TRIFACTA + ".data.'breaker." + BreakerFixture.NAME + "'", equalTo("OPEN"));

        breakers.resetAll();
        given().when().get("/q/health/ready").then().statusCode(200)
                .body(TRIFACTA + ".data.'breaker." + BreakerFixture.NAME + "'", equalTo("CLOSED"));
    }

    /** Readiness, checking that answering it made no request to the (WireMock) upstream. */
    private JsonPath readyWithoutCallingUpstreams() {
        int calls = wireMock.getAllServeEvents().size();
        JsonPath health = given().when().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertThat(wireMock.getAllServeEvents()).as("requests to the upstream").hasSize(calls);
        return health;
    }

    private void failTrifacta() {
        wireMock.stubFor(get(urlPathEqualTo("/v4/deployments/7")).willReturn(aResponse().withStatus(502)));
        GraphQLClient.post("deployment", Map.of("id", Ids.deployment(7))).statusCode(200)
                .body("errors[0].extensions.code", equalTo("UPSTREAM_ERROR"));
    }
}
