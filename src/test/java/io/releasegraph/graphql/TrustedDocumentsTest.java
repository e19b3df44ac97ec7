package io.releasegraph.graphql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.releasegraph.graphql.engine.GraphQLEngine;
import io.releasegraph.store.PersistedQueries;
import io.releasegraph.support.TestTokens;

/** {@code gateway.graphql.persisted-only}: only registered operations run, and only an operator registers one. */
@QuarkusTest
@TestProfile(TrustedDocumentsTest.PersistedOnly.class)
class TrustedDocumentsTest {

    public static class PersistedOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.graphql.persisted-only", "true");
        }
    }

    private static final String QUERY = "query Deployments { deployments(first: 1) { totalCount } }";

    @ParameterizedTest
    @ValueSource(strings = { "compiled", "smallrye" })
    void onlyRegisteredOperationsRun(String engine) {
        String query = "# " + UUID.randomUUID() + "\n" + QUERY;
        String hash = PersistedQueries.sha256(query);

        // an unregistered text is refused, with or without its hash, for a viewer
        send(engine, TestTokens.viewer(), Map.of("query", query)).statusCode(400)
                .body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_IN_LIST"));
        send(engine, TestTokens.viewer(), Map.of("query", query, "extensions", extensions(hash))).statusCode(400)
                .body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_IN_LIST"));
        send(engine, TestTokens.viewer(), Map.of("extensions", extensions(hash))).statusCode(200)
                .body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_FOUND"));

        // an operator registers it (query with its hash); then anyone may run it by hash or by text
        send(engine, TestTokens.operator(), Map.of("query", query, "extensions", extensions(hash))).statusCode(200)
                .body("errors", nullValue());
        send(engine, TestTokens.viewer(), Map.of("extensions", extensions(hash))).statusCode(200)
                .body("errors", nullValue()).body("data.deployments.totalCount", notNullValue());
        send(engine, TestTokens.viewer(), Map.of("query", query)).statusCode(200)
                .body("errors", nullValue()).body("data.deployments.totalCount", notNullValue());
    }

    private static io.restassured.response.ValidatableResponse send(String engine, String token,
            Map<String, Object> body) {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON)
                .header(GraphQLEngine.ENGINE_HEADER, engine).headers(TestTokens.bearer(token)).body(body)
                .when().post("/graphql").then();
    }

    private static Map<String, Object> extensions(String hash) {
        return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
    }
}
