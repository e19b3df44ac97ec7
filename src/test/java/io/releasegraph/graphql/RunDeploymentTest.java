package io.releasegraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;

/** runDeployment: runs the active release, follows the job group, never starts two runs for one key. */
@QuarkusTest
class RunDeploymentTest {

    @Test
    void runsWithOverridesAndTheRunReachesComplete() {
        String jobGroup = GraphQLClient.post("runDeployment", run(Ids.deployment(3),
                List.of(Map.of("key", "region", "value", "emea")), null)).statusCode(200)
                .body("errors", nullValue())
                .body("data.runDeployment.replayed", equalTo(false))
                .body("data.runDeployment.jobGroup.status", equalTo("IN_PROGRESS"))
                .body("data.runDeployment.jobGroup.deployment.name", equalTo("Inventory Sync"))
                .extract().path("data.runDeployment.jobGroup.id");

        // polled as a frontend would, until the sandbox's run (a second long) finishes
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(GraphQLClient.post("jobGroup", Map.of("id", jobGroup)).statusCode(200)
                        .body("errors", nullValue()).extract().<String>path("data.jobGroup.status"))
                        .isEqualTo("COMPLETE"));

        GraphQLClient.post("deployment", Map.of("id", Ids.deployment(3))).statusCode(200)
                .body("data.deployment.runs.totalCount", equalTo(1))
                .body("data.deployment.runs.nodes[0].id", equalTo(jobGroup));
    }

    @Test
    void theSandboxAnswersTheRunsSessionAndARepeatAnswersTheSameSession() {
        Map<String, Object> variables = Map.of("deploymentId", Ids.deployment(2), "idempotencyKey",
                UUID.randomUUID().toString());
        String session = GraphQLClient.post("runDeploymentSeedFields", variables).statusCode(200)
                .body("errors", nullValue())
                .body("data.runDeployment.replayed", equalTo(false))
                .body("data.runDeployment.sessionId", notNullValue())
                .extract().path("data.runDeployment.sessionId");

        GraphQLClient.post("runDeploymentSeedFields", variables).statusCode(200)
                .body("errors", nullValue())
                .body("data.runDeployment.replayed", equalTo(true))
                .body("data.runDeployment.sessionId", equalTo(session));
    }

    @Test
    void aRepeatWithTheSameKeyAnswersTheFirstRunWithoutStartingAnother() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> variables = run(Ids.deployment(2), List.of(Map.of("key", "day", "value", "monday")), key);
        String first = GraphQLClient.post("runDeployment", variables).statusCode(200)
                .body("errors", nullValue())
                .body("data.runDeployment.replayed", equalTo(false))
                .extract().path("data.runDeployment.jobGroup.id");

        String second = GraphQLClient.post("runDeployment", variables).statusCode(200)
                .body("errors", nullValue())
                .body("data.runDeployment.replayed", equalTo(true))
                .extract().path("data.runDeployment.jobGroup.id");

        assertThat(second).isEqualTo(first);
        GraphQLClient.post("deployment", Map.of("id", Ids.deployment(2))).statusCode(200)
                .body("data.deployment.runs.totalCount", equalTo(1));
    }

    @Test
    void aKeyReusedForADifferentRequestIsRefused() {
        String key = UUID.randomUUID().toString();
        GraphQLClient.post("runDeployment", run(Ids.deployment(2), List.of(), key)).statusCode(200)
                .body("errors", nullValue());
        GraphQLClient.post("runDeployment", run(Ids.deployment(1), List.of(), key)).statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.field", equalTo("idempotencyKey"));
    }

    @Test
    void aDeploymentWithoutAnActiveReleaseCannotRun() {
        String key = UUID.randomUUID().toString();
        GraphQLClient.post("runDeployment", run(Ids.deployment(4), List.of(), key)).statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("CONFLICT"))
                .body("errors[0].message", notNullValue());
        // The refusal changed nothing upstream, so the key is free again once the deployment can run.
        GraphQLClient.post("activateRelease", Map.of("releaseId", Ids.deploymentRelease(12))).statusCode(200)
                .body("errors", nullValue());
        GraphQLClient.post("runDeployment", run(Ids.deployment(4), List.of(), key)).statusCode(200)
                .body("errors", nullValue())
                .body("data.runDeployment.replayed", equalTo(false));
    }

    @Test
    void refusesBadParameters() {
        GraphQLClient.post("runDeployment", run(Ids.deployment(1), List.of(Map.of("key", " ", "value", "x")), null))
                .statusCode(200)
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.field", equalTo("parameters"));
        GraphQLClient.post("runDeployment", run(Ids.deployment(1), List.of(
                Map.of("key", "a", "value", "1"), Map.of("key", "a", "value", "2")), null)).statusCode(200)
                .body("errors[0].extensions.field", equalTo("parameters"));
        GraphQLClient.post("runDeployment", run(Ids.deployment(1), List.of(), "")).statusCode(200)
                .body("errors[0].extensions.field", equalTo("idempotencyKey"));
        GraphQLClient.post("runDeployment", run("bad", List.of(), null)).statusCode(200)
                .body("errors[0].extensions.field", equalTo("deploymentId"));
    }

    @Test
    void aRunWithAHundredParametersOfAHundredCharactersIsRecorded() {
        List<Map<String, String>> parameters = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            parameters.add(Map.of("key", "parameter" + i, "value", String.valueOf(i % 10).repeat(100)));
        }
        String key = UUID.randomUUID().toString();
        String jobGroup = GraphQLClient.post("runDeployment", run(Ids.deployment(3), parameters, key)).statusCode(200)
                .body("errors", nullValue())
                .body("data.runDeployment.replayed", equalTo(false))
                .extract().path("data.runDeployment.jobGroup.id");

        GraphQLClient.post("deployment", Map.of("id", Ids.deployment(3))).statusCode(200)
                .body("errors", nullValue())
                .body("data.deployment.runs.totalCount", equalTo(1))
                .body("data.deployment.runs.nodes[0].id", equalTo(jobGroup));
        GraphQLClient.post("runDeployment", run(Ids.deployment(3), parameters, key)).statusCode(200)
                .body("errors", nullValue())
                .body("data.runDeployment.replayed", equalTo(true))
                .body("data.runDeployment.jobGroup.id", equalTo(jobGroup));
    }

    @Test
    void aRunWithOneValueOfNineThousandCharactersIsRecorded() {
        String jobGroup = GraphQLClient.post("runDeployment", run(Ids.deployment(3),
                List.of(Map.of("key", "query", "value", "q".repeat(9_000))), null)).statusCode(200)
                .body("errors", nullValue())
                .extract().path("data.runDeployment.jobGroup.id");

        GraphQLClient.post("deployment", Map.of("id", Ids.deployment(3))).statusCode(200)
                .body("errors", nullValue())
                .body("data.deployment.runs.totalCount", equalTo(1))
                .body("data.deployment.runs.nodes[0].id", equalTo(jobGroup));
    }

    @Test
    void refusesParametersOverTheDocumentedLimitsBeforeCallingTrifacta() {
        for (Map<String, String> parameter : List.of(Map.of("key", "query", "value", "q".repeat(10_001)),
                Map.of("key", "k".repeat(257), "value", "x"))) {
            GraphQLClient.post("runDeployment", run(Ids.deployment(3), List.of(parameter), null)).statusCode(200)
                    .body("data", nullValue())
                    .body("errors[0].extensions.code", equalTo("VALIDATION"))
                    .body("errors[0].extensions.field", equalTo("parameters"));
        }
        GraphQLClient.post("runDeployment", run(Ids.deployment(3),
                List.of(Map.of("key", "k".repeat(256), "value", "q".repeat(10_000))), null)).statusCode(200)
                .body("errors", nullValue());
        // only the run within the limits reached Trifacta
        GraphQLClient.post("deployment", Map.of("id", Ids.deployment(3))).statusCode(200)
                .body("data.deployment.runs.totalCount", equalTo(1));
    }

    private static Map<String, Object> run(String deploymentId, List<Map<String, String>> parameters, String key) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("deploymentId", deploymentId);
        variables.put("parameters", parameters);
        variables.put("idempotencyKey", key);
        return variables;
    }
}
