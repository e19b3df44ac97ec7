package io.releasegraph.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.releasegraph.support.GatewayProcess;
import io.releasegraph.support.Ids;
import io.releasegraph.support.TestDatabase;

/**
 * Two replicas on one PostgreSQL database in front of a Trifacta (WireMock) that starts a run but answers late: the
 * replica that sent the run is killed (kill -9) between Trifacta's accept and its answer, and the retry with the same
 * key on the other replica answers that job group, with no second run.
 */
class ExactlyOnceIT {

    private static final String RUN = "/v4/deployments/7/run";
    private static final String RELEASE_71 = "{\"id\":71,\"notes\":\"Ledger Load\",\"packageUuid\":\"0f6c-71\",\"active\":true,"
            + "\"createdAt\":\"2025-01-01T10:00:00.000Z\",\"updatedAt\":\"2025-01-02T10:00:00.000Z\",\"deployment\":{\"id\":7}}";

    @Test
    void aReplicaKilledBetweenSendAndAnswerLeavesOneRunThatTheRetryOnTheOtherReplicaAnswers() throws Exception {
        assumeTrue(TestDatabase.available(), "no PostgreSQL server at 127.0.0.1:5432");
        WireMockServer trifacta = new WireMockServer(wireMockConfig().dynamicPort());
        trifacta.start();
        try (TestDatabase database = TestDatabase.create()) {
            Instant started = Instant.now();
            trifacta.stubFor(get(urlPathEqualTo("/v4/deployments/7")).willReturn(okJson("{\"id\":7,\"name\":\"Finance\","
                    + "\"createdAt\":\"2025-01-01T10:00:00.000Z\",\"updatedAt\":\"2025-02-01T10:00:00.000Z\","
                    + "\"numReleases\":1,\"releases\":{\"data\":[" + RELEASE_71 + "]}}")));
            trifacta.stubFor(post(urlPathEqualTo(RUN)).willReturn(aResponse().withStatus(201).withFixedDelay(8_000)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"data\":[{\"reason\":\"JobStarted\",\"sessionId\":\"s\",\"id\":33}]}")));
            trifacta.stubFor(get(urlPathEqualTo("/v4/jobGroups/33")).willReturn(okJson(
                    "{\"id\":33,\"status\":\"InProgress\",\"deployment\":{\"id\":7},\"jobs\":{\"data\":[]}}")));
            Map<String, String> env = postgresql(database, trifacta.baseUrl());

            String key = UUID.randomUUID().toString();
            try (GatewayProcess first = GatewayProcess.start("exactly-once-1", env);
                    GatewayProcess second = GatewayProcess.start("exactly-once-2", env)) {
                CompletableFuture.runAsync(() -> first.graphql("runDeployment", run(key)));
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> trifacta.findAll(postRequestedFor(urlPathEqualTo(RUN))).size() == 1);
                first.kill(); // Trifacta accepted; its answer is still 8 s away
                // Trifacta's job group list shows the run, created after the intent was sent
                trifacta.stubFor(get(urlPathEqualTo("/v4/jobGroups")).willReturn(okJson("{\"data\":[{\"id\":33,"
                        + "\"status\":\"InProgress\",\"createdAt\":\"" + Instant.now() + "\",\"deployment\":{\"id\":7}}]}")));

                second.graphql("runDeployment", run(key)).statusCode(200)
                        .body("errors", nullValue())
                        .body("data.runDeployment.replayed", equalTo(true))
                        .body("data.runDeployment.jobGroup.id", equalTo(Ids.jobGroup(33)));
                second.graphql("runDeployment", run(key)).statusCode(200)
                        .body("data.runDeployment.replayed", equalTo(true))
                        .body("data.runDeployment.jobGroup.id", equalTo(Ids.jobGroup(33)));
            }
            assertThat(trifacta.findAll(postRequestedFor(urlPathEqualTo(RUN)))).hasSize(1);
            System.out.printf("ExactlyOnceIT: one run after kill -9, %d s%n",
                    Duration.between(started, Instant.now()).toSeconds());
        } finally {
            trifacta.stop();
        }
    }

    private static Map<String, Object> run(String key) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("deploymentId", Ids.deployment(7));
        variables.put("parameters", List.of());
        variables.put("idempotencyKey", key);
        return variables;
    }

    /** Trifacta is WireMock, a real upstream to the gateway, so the replicas verify callers against the test key. */
    private static Map<String, String> postgresql(TestDatabase database, String trifactaUrl) {
        Map<String, String> env = new java.util.HashMap<>(GatewayProcess.testCallerKey());
        env.putAll(Map.of(
                "GATEWAY_STORE", "postgresql",
                "QUARKUS_DATASOURCE_PG_JDBC_URL", database.jdbcUrl(),
                "QUARKUS_DATASOURCE_PG_USERNAME", database.user(),
                "QUARKUS_DATASOURCE_PG_PASSWORD", database.password(),
                "QUARKUS_REST_CLIENT_TRIFACTA_URL", trifactaUrl,
                // Cryptlex and LaunchDarkly stay on the built-in sandbox, which a real upstream switches off by default
                "GATEWAY_SANDBOX_ENABLED", "true"));
        return env;
    }
}
