package io.releasegraph.graphql;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.InjectWireMock;
import io.releasegraph.support.TrifactaWireMock;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * One intended run starts one job group, whatever fails between the caller, the gateway and Trifacta: a key whose call
 * never left is released, a key whose call may have reached Trifacta reconciles with Trifacta's job groups before it
 * sends again, and no error asks for a new key.
 */
@QuarkusTest
@TestProfile(ExactlyOnceProfile.class)
@WithTestResource(TrifactaWireMock.class)
class ExactlyOnceRunTest {

    private static final String RUN = "/v4/deployments/7/run";
    private static final String STARTED_33 = "{\"data\":[{\"reason\":\"JobStarted\",\"sessionId\":\"s\",\"id\":33}]}";
    private static final String RELEASE_71 = "{\"id\":71,\"notes\":\"Ledger Load\",\"packageUuid\":\"0f6c-71\",\"active\":true,"
            + "\"createdAt\":\"2025-01-01T10:00:00.000Z\",\"updatedAt\":\"2025-01-02T10:00:00.000Z\",\"deployment\":{\"id\":7}}";
    private static final String DEPLOYMENT_7 = "{\"id\":7,\"name\":\"Finance\",\"createdAt\":\"2025-01-01T10:00:00.000Z\","
            + "\"updatedAt\":\"2025-02-01T10:00:00.000Z\",\"numReleases\":1,\"releases\":{\"data\":[" + RELEASE_71 + "]}}";

    @InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    void stubTrifacta() {
        wireMock.resetAll();
        wireMock.stubFor(get(urlPathEqualTo("/v4/deployments/7")).willReturn(okJson(DEPLOYMENT_7)));
        wireMock.stubFor(get(urlPathEqualTo("/v4/jobGroups/33")).willReturn(okJson(
                "{\"id\":33,\"status\":\"InProgress\",\"deployment\":{\"id\":7},\"jobs\":{\"data\":[]}}")));
        wireMock.stubFor(get(urlPathEqualTo("/v4/jobGroups/34")).willReturn(okJson(
                "{\"id\":34,\"status\":\"InProgress\",\"deployment\":{\"id\":7},\"jobs\":{\"data\":[]}}")));
        wireMock.stubFor(get(urlPathEqualTo("/v4/jobGroups")).willReturn(okJson("{\"data\":[]}")));
    }

    @Test
    void aKeyRefusedByAnOpenBreakerIsReleasedAndRunsOnceTheBreakerCloses() {
        wireMock.stubFor(post(urlPathEqualTo(RUN)).willReturn(serviceUnavailable()));
        // two keyless runs fail: the trifacta-run breaker opens
        for (int i = 0; i < 2; i++) {
            GraphQLClient.post("runDeployment", run(null)).statusCode(200)
                    .body("errors[0].extensions.code", equalTo("UPSTREAM_UNAVAILABLE"));
        }
        assertThat(CircuitBreakerMaintenance.get().currentState("trifacta-run")).isEqualTo(CircuitBreakerState.OPEN);

        String key = UUID.randomUUID().toString();
        GraphQLClient.post("runDeployment", run(key)).statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("UPSTREAM_UNAVAILABLE"))
                .body("errors[0].message", not(containsStringIgnoringCase("new key")));
        wireMock.verify(2, postRequestedFor(urlPathEqualTo(RUN))); // the breaker sent nothing

        CircuitBreakerMaintenance.get().reset("trifacta-run");
        wireMock.stubFor(post(urlPathEqualTo(RUN)).willReturn(created(STARTED_33)));
        GraphQLClient.post("runDeployment", run(key)).statusCode(200)
                .body("errors", nullValue())
                .body("data.runDeployment.replayed", equalTo(false))
                .body("data.runDeployment.jobGroup.id", equalTo(Ids.jobGroup(33)));
        wireMock.verify(3, postRequestedFor(urlPathEqualTo(RUN)));
    }

    @Test
    void aKeyWhoseDeploymentReadFailedIsReleased() {
        wireMock.stubFor(get(urlPathEqualTo("/v4/deployments/7")).willReturn(serviceUnavailable()));
        wireMock.stubFor(post(urlPathEqualTo(RUN)).willReturn(created(STARTED_33)));
        String key = UUID.randomUUID().toString();

        GraphQLClient.post("runDeployment", run(key)).statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("UPSTREAM_UNAVAILABLE"))
                .body("errors[0].message", not(containsStringIgnoringCase("new key")));
        wireMock.verify(0, postRequestedFor(urlPathEqualTo(RUN)));

        CircuitBreakerMaintenance.get().resetAll();
        wireMock.stubFor(get(urlPathEqualTo("/v4/deployments/7")).willReturn(okJson(DEPLOYMENT_7)));
        GraphQLClient.post("runDeployment", run(key)).statusCode(200)
                .body("errors", nullValue())
                .body("data.runDeployment.replayed", equalTo(false))
                .body("data.runDeployment.jobGroup.id", equalTo(Ids.jobGroup(33)));
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(RUN)));
    }

    @Test
    void trifactaAnsweringAfterTheTimeoutIsReconciledToTheSameJobGroupWithoutASecondRun() {
        // Trifacta starts job group 33 but answers after the gateway's 1 s write timeout
        wireMock.stubFor(post(urlPathEqualTo(RUN)).willReturn(created(STARTED_33).withFixedDelay(2_500)));
        String key = UUID.randomUUID().toString();

        GraphQLClient.post("runDeployment", run(key)).statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("UPSTREAM_TIMEOUT"))
                .body("errors[0].message", not(containsStringIgnoringCase("new key")));

        // Trifacta's job group list now shows it, created after the intent was sent
        wireMock.stubFor(get(urlPathEqualTo("/v4/jobGroups")).willReturn(okJson("{\"data\":["
                + "{\"id\":33,\"status\":\"InProgress\",\"createdAt\":\"" + Instant.now() + "\",\"deployment\":{\"id\":7}},"
                + "{\"id\":32,\"status\":\"Complete\",\"createdAt\":\"2025-01-01T10:00:00.000Z\",\"deployment\":{\"id\":7}},"
                + "{\"id\":31,\"status\":\"InProgress\",\"createdAt\":\"" + Instant.now() + "\",\"deployment\":{\"id\":8}}]}")));

        GraphQLClient.post("runDeployment", run(key)).statusCode(200)
                .body("errors", nullValue())
                .body("data.runDeployment.replayed", equalTo(true))
                .body("data.runDeployment.jobGroup.id", equalTo(Ids.jobGroup(33)));
        // and once more: now SENT, a plain replay
        GraphQLClient.post("runDeployment", run(key)).statusCode(200)
                .body("data.runDeployment.replayed", equalTo(true))
                .body("data.runDeployment.jobGroup.id", equalTo(Ids.jobGroup(33)));

        wireMock.verify(1, postRequestedFor(urlPathEqualTo(RUN)));
        wireMock.verify(getRequestedFor(urlPathEqualTo("/v4/jobGroups")).withQueryParam("sort",
                equalToParam("-createdAt")));
        // the adopted run is in the deployment's runs
        GraphQLClient.post("deploymentRuns", Map.of("id", Ids.deployment(7), "first", 5)).statusCode(200)
                .body("errors", nullValue())
                .body("data.deployment.runs.totalCount", equalTo(1))
                .body("data.deployment.runs.edges[0].node.id", equalTo(Ids.jobGroup(33)));
    }

    @Test
    void whenTrifactaShowsNoJobGroupAfterTheBoundedWaitTheRetryRunsOnce() {
        wireMock.stubFor(post(urlPathEqualTo(RUN)).willReturn(created(STARTED_33).withFixedDelay(2_500)));
        String key = UUID.randomUUID().toString();
        GraphQLClient.post("runDeployment", run(key)).statusCode(200)
                .body("errors[0].extensions.code", equalTo("UPSTREAM_TIMEOUT"));

        // Trifacta lists nothing for the deployment: after the 3 s settle the retry sends once more
        wireMock.stubFor(post(urlPathEqualTo(RUN)).willReturn(created(STARTED_33.replace("33", "34"))));
        GraphQLClient.post("runDeployment", run(key)).statusCode(200)
                .body("errors", nullValue())
                .body("data.runDeployment.replayed", equalTo(false))
                .body("data.runDeployment.jobGroup.id", equalTo(Ids.jobGroup(34)));
        GraphQLClient.post("runDeployment", run(key)).statusCode(200)
                .body("data.runDeployment.replayed", equalTo(true))
                .body("data.runDeployment.jobGroup.id", equalTo(Ids.jobGroup(34)));
        wireMock.verify(2, postRequestedFor(urlPathEqualTo(RUN)));
    }

    @Test
    void aJobGroupAnotherRunHoldsIsNotAdopted() {
        // a keyless run records job group 33
        wireMock.stubFor(post(urlPathEqualTo(RUN)).willReturn(created(STARTED_33)));
        GraphQLClient.post("runDeployment", run(null)).statusCode(200).body("errors", nullValue());
        // a keyed run times out; Trifacta's list shows only 33, which is the other run's
        wireMock.stubFor(post(urlPathEqualTo(RUN)).willReturn(created(STARTED_33.replace("33", "34")).withFixedDelay(2_500)));
        String key = UUID.randomUUID().toString();
        GraphQLClient.post("runDeployment", run(key)).statusCode(200)
                .body("errors[0].extensions.code", equalTo("UPSTREAM_TIMEOUT"));
        wireMock.stubFor(get(urlPathEqualTo("/v4/jobGroups")).willReturn(okJson("{\"data\":["
                + "{\"id\":33,\"status\":\"InProgress\",\"createdAt\":\"" + Instant.now() + "\",\"deployment\":{\"id\":7}}]}")));
        wireMock.stubFor(post(urlPathEqualTo(RUN)).willReturn(created(STARTED_33.replace("33", "34"))));

        GraphQLClient.post("runDeployment", run(key)).statusCode(200)
                .body("errors", nullValue())
                .body("data.runDeployment.replayed", equalTo(false))
                .body("data.runDeployment.jobGroup.id", equalTo(Ids.jobGroup(34)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String body) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern equalToParam(String value) {
        return com.github.tomakehurst.wiremock.client.WireMock.equalTo(value);
    }

    private static Map<String, Object> run(String key) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("deploymentId", Ids.deployment(7));
        variables.put("parameters", List.of());
        variables.put("idempotencyKey", key);
        return variables;
    }
}
