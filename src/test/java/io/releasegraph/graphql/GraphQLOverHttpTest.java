package io.releasegraph.graphql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.graphql.engine.GraphQLEngine;
import io.releasegraph.support.FaultInjectionRoute;
import io.releasegraph.support.GraphQLClient;

/**
 * What the GraphQL-over-HTTP spec asks of request errors and content negotiation, on both engines: a request error
 * has no {@code data} entry; it is 400 for {@code application/graphql-response+json} and 200 for
 * {@code application/json}; {@code *}{@code /*} gets {@code application/json}; every refusal has a code.
 */
@QuarkusTest
class GraphQLOverHttpTest {

    private static final String BROKEN = "{ deployments(first: 1) { nodes { id } ";

    @ParameterizedTest
    @ValueSource(strings = { "compiled", "smallrye" })
    void aRequestErrorHasNoDataAndFollowsTheAcceptedType(String engine) {
        given().header(GraphQLEngine.ENGINE_HEADER, engine).contentType("application/json")
                .accept("application/graphql-response+json").body(Map.of("query", BROKEN))
                .when().post("/graphql").then().statusCode(400)
                .header("Content-Type", startsWith("application/graphql-response+json"))
                .body("$", not(hasKey("data")))
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
        given().header(GraphQLEngine.ENGINE_HEADER, engine).contentType("application/json")
                .accept("application/json").body(Map.of("query", BROKEN))
                .when().post("/graphql").then().statusCode(200)
                .header("Content-Type", startsWith("application/json"))
                .body("$", not(hasKey("data")))
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "compiled", "smallrye" })
    void aMissingQueryIsAValidationErrorWithACode(String engine) {
        given().header(GraphQLEngine.ENGINE_HEADER, engine).contentType("application/json")
                .body(Map.of("notquery", "{ __typename }"))
                .when().post("/graphql").then().statusCode(400)
                .body("$", not(hasKey("data")))
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.field", equalTo("query"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "compiled", "smallrye" })
    void aSubscriptionOverPostIsRefused(String engine) {
        GraphQLClient.post("releaseEvents", Map.of(), Map.of(GraphQLEngine.ENGINE_HEADER, engine)).statusCode(200)
                .body("$", not(hasKey("data")))
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].message", containsString("WebSocket"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "compiled", "smallrye" })
    void aPostThatIsNotJsonIsRefused(String engine) {
        // fetch() sends a string body without a type as text/plain, as graphql-http's audit 9ABE does
        given().header(GraphQLEngine.ENGINE_HEADER, engine).contentType("text/plain").body("{\"query\":\"{ __typename }\"}")
                .when().post("/graphql").then().statusCode(415)
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "*/*", "application/json" })
    void anyTypeOrNoneAnswersApplicationJson(String accept) {
        given().contentType("application/json").accept(accept).body(Map.of("query", "{ __typename }")).when().post("/graphql").then().statusCode(200)
                .header("Content-Type", startsWith("application/json"))
                .body("data.__typename", equalTo("Query"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "compiled", "smallrye" })
    void anUnexpectedFaultIsInternalWithACorrelationIdThatIsInTheLog(String engine) throws IOException {
        long before = Files.exists(LOG) ? Files.size(LOG) : 0;
        String correlationId = GraphQLClient.post("deployments", Map.of("first", 1),
                Map.of(GraphQLEngine.ENGINE_HEADER, engine, FaultInjectionRoute.HEADER, "throw",
                        "Cache-Control", "no-cache"))
                .statusCode(500)
                .body("$", not(hasKey("data")))
                .body("errors[0].extensions.code", equalTo("INTERNAL"))
                .body("errors[0].message", not(containsString("injected")))
                .extract().path("errors[0].extensions.correlationId");
        assertThat(correlationId).isNotBlank();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(written(before))
                .contains(correlationId).contains("injected fault for a test"));
    }

    private static final Path LOG = Path.of("target", "quarkus-test.log");

    private static String written(long from) throws IOException {
        byte[] all = Files.readAllBytes(LOG);
        return new String(all, (int) Math.min(from, all.length), (int) (all.length - Math.min(from, all.length)),
                java.nio.charset.StandardCharsets.UTF_8);
    }
}
