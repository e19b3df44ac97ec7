package io.releasegraph.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import io.releasegraph.support.GatewayProcess;
import io.releasegraph.support.Ids;
import io.releasegraph.support.TestDatabase;
import io.releasegraph.support.Zips;
import io.restassured.response.ValidatableResponse;
import io.releasegraph.support.PackageUpload;

/**
 * The exactly-once failure paths of a keyed run (and an import's late answer) with two replicas on one PostgreSQL database: the first attempt fails
 * on one replica, the retry with the same key goes to the other. Trifacta (WireMock) answers late, not at all, or the
 * breaker never lets the call leave. Each test uses its own deployment, so its runs and counts are its own. The
 * replicas' run and import timeouts are 1 s, the settle 3 s, and two failures open a breaker (as in ExactlyOnceRunTest).
 * The kill -9 path is ExactlyOnceIT.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// the last two leave replica A's trifacta-run breaker, then its deployment-read breaker, open (60 s): they go last
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExactlyOnceReplicasIT {


    private WireMockServer trifacta;
    private TestDatabase database;
    private GatewayProcess replicaA;
    private GatewayProcess replicaB;

    @BeforeAll
    void twoReplicas() throws Exception {
        assumeTrue(TestDatabase.available(), "no PostgreSQL server at 127.0.0.1:5432");
        trifacta = new WireMockServer(wireMockConfig().dynamicPort());
        trifacta.start();
        trifacta.stubFor(get(urlPathEqualTo("/v4/jobGroups")).willReturn(okJson("{\"data\":[]}")));
        database = TestDatabase.create();
        Map<String, String> env = new HashMap<>(GatewayProcess.testCallerKey());
        env.putAll(Map.of(
                "GATEWAY_STORE", "postgresql",
                "QUARKUS_DATASOURCE_PG_JDBC_URL", database.jdbcUrl(),
                "QUARKUS_DATASOURCE_PG_USERNAME", database.user(),
                "QUARKUS_DATASOURCE_PG_PASSWORD", database.password(),
                "QUARKUS_REST_CLIENT_TRIFACTA_URL", trifacta.baseUrl(),
                "GATEWAY_SANDBOX_ENABLED", "true",
                // per-operation settings are map keys with a dash, which environment variable names cannot spell
                "JAVA_TOOL_OPTIONS", "-Dgateway.fault-tolerance.operation.trifacta-run.timeout=1s"
                        + " -Dgateway.fault-tolerance.operation.trifacta-importRelease.timeout=1s"
                        + " -Dgateway.idempotency.settle=PT3S"
                        + " -Dgateway.fault-tolerance.circuit-breaker.request-volume-threshold=2"
                        + " -Dgateway.fault-tolerance.circuit-breaker.failure-ratio=1.0"
                        + " -Dgateway.fault-tolerance.circuit-breaker.delay=60s"));
        replicaA = GatewayProcess.start("exactly-once-a", env);
        replicaB = GatewayProcess.start("exactly-once-b", env);
    }

    @AfterAll
    void stop() {
        for (AutoCloseable part : new AutoCloseable[] { replicaA, replicaB, database }) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception ignored) {
                // the next part still stops
            }
        }
        if (trifacta != null) {
            trifacta.stop();
        }
    }

    @Test
    @Order(1)
    void anAnswerAfterTheTimeoutOnOneReplicaIsReconciledByTheOther() {
        long deployment = deployment(11);
        trifacta.stubFor(post(urlPathEqualTo(run(deployment))).willReturn(started(111).withFixedDelay(2_500)));
        String key = UUID.randomUUID().toString();

        replicaA.graphql("runDeployment", variables(deployment, key)).statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("UPSTREAM_TIMEOUT"))
                .body("errors[0].message", not(containsStringIgnoringCase("new key")));
        listJobGroups(deployment, 111);

        replicaB.graphql("runDeployment", variables(deployment, key)).statusCode(200)
                .body("errors", nullValue())
                .body("data.runDeployment.replayed", equalTo(true))
                .body("data.runDeployment.jobGroup.id", equalTo(Ids.jobGroup(111)));
        replicaA.graphql("runDeployment", variables(deployment, key)).statusCode(200)
                .body("data.runDeployment.replayed", equalTo(true))
                .body("data.runDeployment.jobGroup.id", equalTo(Ids.jobGroup(111)));

        assertThat(trifacta.findAll(postRequestedFor(urlPathEqualTo(run(deployment))))).hasSize(1);
        assertRuns(deployment, 111);
    }

    @Test
    @Order(2)
    void whenTrifactaListsNothingAfterTheSettleTheOtherReplicaRunsOnce() {
        long deployment = deployment(12);
        trifacta.stubFor(post(urlPathEqualTo(run(deployment))).willReturn(started(121).withFixedDelay(2_500)));
        String key = UUID.randomUUID().toString();
        replicaB.graphql("runDeployment", variables(deployment, key)).statusCode(200)
                .body("errors[0].extensions.code", equalTo("UPSTREAM_TIMEOUT"));

        // Trifacta lists no job group of the deployment: after the 3 s settle replica A sends once more
        trifacta.stubFor(post(urlPathEqualTo(run(deployment))).willReturn(started(122)));
        replicaA.graphql("runDeployment", variables(deployment, key)).statusCode(200)
                .body("errors", nullValue())
                .body("data.runDeployment.replayed", equalTo(false))
                .body("data.runDeployment.jobGroup.id", equalTo(Ids.jobGroup(122)));
        replicaB.graphql("runDeployment", variables(deployment, key)).statusCode(200)
                .body("data.runDeployment.replayed", equalTo(true))
                .body("data.runDeployment.jobGroup.id", equalTo(Ids.jobGroup(122)));

        assertThat(trifacta.findAll(postRequestedFor(urlPathEqualTo(run(deployment))))).hasSize(2);
        assertRuns(deployment, 122);
    }

    @Test
    @Order(5)
    void aKeyWhoseDeploymentReadFailedOnOneReplicaRunsOnTheOther() {
        long deployment = deployment(13);
        trifacta.stubFor(get(urlPathEqualTo("/v4/deployments/" + deployment)).willReturn(serviceUnavailable()));
        trifacta.stubFor(post(urlPathEqualTo(run(deployment))).willReturn(started(131)));
        String key = UUID.randomUUID().toString();

        replicaA.graphql("runDeployment", variables(deployment, key)).statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("UPSTREAM_UNAVAILABLE"))
                .body("errors[0].message", not(containsStringIgnoringCase("new key")));
        assertThat(trifacta.findAll(getRequestedFor(urlPathEqualTo("/v4/deployments/" + deployment)))).isNotEmpty();
        assertThat(trifacta.findAll(postRequestedFor(urlPathEqualTo(run(deployment))))).isEmpty();

        deployment(13);
        replicaB.graphql("runDeployment", variables(deployment, key)).statusCode(200)
                .body("errors", nullValue())
                .body("data.runDeployment.replayed", equalTo(false))
                .body("data.runDeployment.jobGroup.id", equalTo(Ids.jobGroup(131)));
        assertThat(trifacta.findAll(postRequestedFor(urlPathEqualTo(run(deployment))))).hasSize(1);
        assertRuns(deployment, 131);
    }

    @Test
    @Order(3)
    void anImportAnsweredAfterTheTimeoutOnOneReplicaIsReconciledByTheOtherToTheReleaseItCreated() {
        long deployment = deployment(15);
        String imports = "/v4/deployments/" + deployment + "/releases";
        trifacta.stubFor(post(urlPathEqualTo(imports)).willReturn(aResponse().withStatus(201).withFixedDelay(2_500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"importRuleChanges\":{\"object\":[],\"value\":[]},\"deletedObjects\":{},"
                        + "\"flows\":[{\"id\":6,\"name\":\"Ledger Load\"}],\"release\":" + release(deployment, 152,
                                Instant.now()) + "}")));
        String key = UUID.randomUUID().toString();
        byte[] flowPackage = Zips.flowPackage("Ledger Load");

        upload(replicaA, deployment, key, flowPackage).statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("UPSTREAM_TIMEOUT"))
                .body("errors[0].message", not(containsStringIgnoringCase("new key")));
        // Trifacta's deployment now holds the release the import created, after the one it had
        stubDeployment(deployment, release(deployment, 150, Instant.parse("2025-01-02T10:00:00Z")) + ","
                + release(deployment, 152, Instant.now()));

        upload(replicaB, deployment, key, flowPackage).statusCode(200)
                .body("errors", nullValue())
                .body("data.importRelease.replayed", equalTo(true))
                .body("data.importRelease.release.id", equalTo(Ids.deploymentRelease(152)));
        upload(replicaA, deployment, key, flowPackage).statusCode(200)
                .body("errors", nullValue())
                .body("data.importRelease.replayed", equalTo(true))
                .body("data.importRelease.release.id", equalTo(Ids.deploymentRelease(152)));
        assertThat(trifacta.findAll(postRequestedFor(urlPathEqualTo(imports)))).hasSize(1);
    }

    @Test
    @Order(4)
    void aKeyRefusedByOneReplicasOpenBreakerRunsOnceOnTheOther() {
        long deployment = deployment(14);
        trifacta.stubFor(post(urlPathEqualTo(run(deployment))).willReturn(serviceUnavailable()));
        for (int i = 0; i < 2; i++) { // two keyless failures open replica A's trifacta-run breaker
            replicaA.graphql("runDeployment", variables(deployment, null)).statusCode(200)
                    .body("errors[0].extensions.code", equalTo("UPSTREAM_UNAVAILABLE"));
        }
        String key = UUID.randomUUID().toString();
        replicaA.graphql("runDeployment", variables(deployment, key)).statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("UPSTREAM_UNAVAILABLE"))
                .body("errors[0].message", not(containsStringIgnoringCase("new key")));
        assertThat(trifacta.findAll(postRequestedFor(urlPathEqualTo(run(deployment))))).hasSize(2); // none sent

        trifacta.stubFor(post(urlPathEqualTo(run(deployment))).willReturn(started(141)));
        replicaB.graphql("runDeployment", variables(deployment, key)).statusCode(200)
                .body("errors", nullValue())
                .body("data.runDeployment.replayed", equalTo(false))
                .body("data.runDeployment.jobGroup.id", equalTo(Ids.jobGroup(141)));
        assertThat(trifacta.findAll(postRequestedFor(urlPathEqualTo(run(deployment))))).hasSize(3);
        assertRuns(deployment, 141);
    }

    /** Stubs deployment {@code id} with one active release, and returns the id. */
    private long deployment(long id) {
        stubDeployment(id, release(id, id * 10, Instant.parse("2025-01-02T10:00:00Z")));
        return id;
    }

    private void stubDeployment(long id, String releases) {
        trifacta.stubFor(get(urlPathEqualTo("/v4/deployments/" + id)).willReturn(okJson("{\"id\":" + id
                + ",\"name\":\"Finance " + id + "\",\"createdAt\":\"2025-01-01T10:00:00.000Z\","
                + "\"updatedAt\":\"2025-02-01T10:00:00.000Z\",\"numReleases\":1,\"releases\":{\"data\":[" + releases
                + "]}}")));
    }

    private static String release(long deployment, long id, Instant createdAt) {
        return "{\"id\":" + id + ",\"notes\":\"Ledger Load\",\"packageUuid\":\"0f6c-" + id + "\",\"active\":true,"
                + "\"createdAt\":\"" + createdAt + "\",\"updatedAt\":\"" + createdAt + "\","
                + "\"deployment\":{\"id\":" + deployment + "}}";
    }

    /** Trifacta's answer to a run that started job group {@code jobGroup}; the job group reads as in progress. */
    private ResponseDefinitionBuilder started(long jobGroup) {
        trifacta.stubFor(get(urlPathEqualTo("/v4/jobGroups/" + jobGroup)).willReturn(okJson("{\"id\":" + jobGroup
                + ",\"status\":\"InProgress\",\"jobs\":{\"data\":[]}}")));
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"data\":[{\"reason\":\"JobStarted\",\"sessionId\":\"s\",\"id\":" + jobGroup + "}]}");
    }

    /** Trifacta's job group list now shows the job group, created after the intent was sent. */
    private void listJobGroups(long deployment, long jobGroup) {
        trifacta.stubFor(get(urlPathEqualTo("/v4/jobGroups")).willReturn(okJson("{\"data\":[{\"id\":" + jobGroup
                + ",\"status\":\"InProgress\",\"createdAt\":\"" + Instant.now() + "\",\"deployment\":{\"id\":"
                + deployment + "}}]}")));
    }

    /** Both replicas list exactly this one run for the deployment. */
    private void assertRuns(long deployment, long jobGroup) {
        for (GatewayProcess replica : List.of(replicaA, replicaB)) {
            replica.graphql("deploymentRuns", Map.of("id", Ids.deployment(deployment), "first", 5)).statusCode(200)
                    .body("errors", nullValue())
                    .body("data.deployment.runs.totalCount", equalTo(1))
                    .body("data.deployment.runs.edges[0].node.id", equalTo(Ids.jobGroup(jobGroup)));
        }
    }

    private static ValidatableResponse upload(GatewayProcess replica, long deployment, String key, byte[] bytes) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("deploymentId", Ids.deployment(deployment));
        variables.put("idempotencyKey", key);
        return PackageUpload.of("importReleaseKeyed", variables, "package.zip", bytes).baseUri(replica.url())
                .header("Authorization", "Bearer " + replica.operatorToken())
                .when().post("/graphql").then();
    }


    private static String run(long deployment) {
        return "/v4/deployments/" + deployment + "/run";
    }

    private static Map<String, Object> variables(long deployment, String key) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("deploymentId", Ids.deployment(deployment));
        variables.put("parameters", List.of());
        variables.put("idempotencyKey", key);
        return variables;
    }
}
