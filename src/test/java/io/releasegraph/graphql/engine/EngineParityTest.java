package io.releasegraph.graphql.engine;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.PrometheusMetrics;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The gateway's engine answers exactly as SmallRye GraphQL does: every case is sent to SmallRye first (through
 * {@code X-Releasegraph-Engine: smallrye}) and then to the engine, against the same sandboxes and the same warm
 * cache, and the two answers (status, content type, {@code data}, {@code errors}, {@code extensions}) must be equal.
 * The engine's request counter proves that it, not a fallback, gave the second answer.
 */
@QuarkusTest
class EngineParityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENGINE_REQUESTS = "releasegraph_graphql_engine_requests_total";

    @Test
    void benchmarkQueries() {
        same("parity/typename", Map.of());
        same("parity/flat", Map.of());
        same("parity/nested", Map.of());
    }

    @Test
    void everySourceBehindOneInterface() {
        JsonNode answer = same("parity/everySource", Map.of("first", 100));
        assertThat(answer.at("/data/releases/nodes").findValuesAsText("__typename"))
                .contains("DeploymentRelease", "ProductRelease", "FlagRelease");
        same("parity/everySource", Map.of("first", 3));
    }

    @Test
    void aliasesPagesDirectivesAndBatchedFieldsOfOneDeployment() {
        JsonNode with = same("parity/deploymentTree", Map.of("id", Ids.deployment(1), "withRuns", true, "brief", false));
        assertThat(with.at("/data/deployment").has("runs")).isTrue();
        assertThat(with.at("/data/deployment/all/nodes").size()).isEqualTo(with.at("/data/deployment/releaseCount").asInt());
        JsonNode without = same("parity/deploymentTree", Map.of("id", Ids.deployment(3), "withRuns", false, "brief", true));
        assertThat(without.at("/data/deployment").has("runs")).isFalse();
        assertThat(without.at("/data/deployment").has("createdAt")).isFalse();
    }

    @Test
    void nodeOfEveryKind() {
        JsonNode releases = same("parity/everySource", Map.of("first", 100));
        List<String> ids = new java.util.ArrayList<>(releases.at("/data/releases/nodes").findValuesAsText("id"));
        ids.addAll(List.of(Ids.deployment(2), Ids.jobGroup(1), Ids.deploymentRelease(4)));
        releases.at("/data/releases/nodes").forEach(node -> node.path("files").forEach(file -> ids.add(file.get("id").asText())));
        releases.at("/data/releases/nodes").forEach(node -> {
            if (node.path("pipeline").has("id")) {
                ids.add(node.at("/pipeline/id").asText());
            }
        });
        for (String id : ids) {
            same("parity/nodes", Map.of("id", id));
        }
    }

    @Test
    void theOtherSourcesQueries() {
        same("flagRelease", Map.of("projectKey", "web-app", "flagKey", "new-checkout-flow"));
        same("releasePipelines", Map.of("projectKey", "web-app", "first", 1));
        same("productReleases", Map.of("channel", "stable", "first", 5));
        same("jobGroup", Map.of("id", Ids.jobGroup(1)));
    }

    @Test
    void fieldErrorsNextToData() {
        JsonNode answer = same("parity/failures", Map.of("missing", Ids.deployment(999), "malformed", "not-an-id"));
        assertThat(answer.get("errors")).extracting(error -> error.at("/extensions/code").asText())
                .containsExactlyInAnyOrder("NOT_FOUND", "VALIDATION", "NOT_FOUND");
        assertThat(answer.at("/data/deployments/totalCount").asInt()).isPositive();
    }

    @Test
    void aNullableRootFieldThatFailsIsNullAndTheDataStays() {
        // root list fields are nullable (issue 14 item 3): the failure stops at the field, not at data
        JsonNode answer = same("parity/nonNullFailure", Map.of());
        assertThat(answer.get("data").isObject()).isTrue();
        assertThat(answer.at("/data/releasePipelines").isNull()).isTrue();
        assertThat(answer.get("errors")).hasSize(1);
    }

    @Test
    void partialResultsWhenOneSourceIsDown() {
        given().contentType(ContentType.JSON).body(Map.of("upstream", "cryptlex", "mode", "down"))
                .when().post("/sandbox/faults").then().statusCode(200);
        JsonNode answer = same("parity/everySource", Map.of("first", 100));
        assertThat(answer.at("/errors/0/extensions/upstream").asText()).isEqualTo("cryptlex");
        assertThat(answer.at("/data/releases/nodes").size()).isPositive();
    }

    @Test
    void mutationsRunInOrderAndAFailedNonNullOneNullsTheData() {
        JsonNode answer = same("parity/activation", Map.of("releaseId", Ids.deploymentRelease(3), "bad", "not-an-id"));
        assertThat(answer.get("data").isNull()).isTrue();
        assertThat(answer.at("/errors/0/extensions/code").asText()).isEqualTo("VALIDATION");
    }

    /** Sends the case to SmallRye, then to the engine; answers the engine's (equal) response. */
    private static JsonNode same(String document, Map<String, Object> variables) {
        Response smallRye = post(document, variables, Map.of(GraphQLEngine.ENGINE_HEADER, "smallrye"));
        double served = PrometheusMetrics.sum(ENGINE_REQUESTS, "engine", "compiled");
        Response compiled = post(document, variables, Map.of());
        assertThat(PrometheusMetrics.sum(ENGINE_REQUESTS, "engine", "compiled"))
                .as("the engine ran %s (answer: %s)", document, compiled.asString()).isEqualTo(served + 1);

        assertThat(compiled.statusCode()).as(document).isEqualTo(smallRye.statusCode());
        assertThat(compiled.contentType()).as(document).isEqualTo(smallRye.contentType());
        JsonNode expected = inStableOrder(read(smallRye));
        JsonNode actual = inStableOrder(read(compiled));
        assertThat(actual).as("%s with %s\nSmallRye: %s\nengine:   %s", document, variables, expected, actual)
                .isEqualTo(expected);
        return actual;
    }

    private static Response post(String document, Map<String, Object> variables, Map<String, String> headers) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", GraphQLClient.document(document));
        body.put("variables", variables);
        return given().contentType(ContentType.JSON).headers(headers).body(body).when().post("/graphql");
    }

    /**
     * Errors sorted by path: both engines list them as their fields fail, and which field fails first depends on
     * timing (a cached copy answers at once), not on the engine.
     */
    private static JsonNode inStableOrder(JsonNode answer) {
        if (answer.get("errors") instanceof com.fasterxml.jackson.databind.node.ArrayNode errors) {
            List<JsonNode> sorted = new java.util.ArrayList<>();
            errors.forEach(sorted::add);
            sorted.sort(java.util.Comparator.comparing((JsonNode error) -> error.path("path").toString())
                    .thenComparing(error -> error.path("message").asText()));
            errors.removeAll();
            errors.addAll(sorted);
        }
        return answer;
    }

    private static JsonNode read(Response response) {
        try {
            return JSON.readTree(response.asString());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.asString(), e);
        }
    }
}
