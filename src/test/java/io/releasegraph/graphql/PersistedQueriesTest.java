package io.releasegraph.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.releasegraph.graphql.engine.GraphQLEngine;
import io.releasegraph.store.PersistedQueries;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.TestTokens;

/**
 * GraphQL over HTTP's GET and Automatic Persisted Queries as Apollo's clients speak them, on both engines. The
 * protocol, from Apollo's documentation (https://www.apollographql.com/docs/react/api/link/persisted-queries/#protocol):
 * the client sends {@code extensions.persistedQuery = {version: 1, sha256Hash: <hex SHA-256 of the query text>}}
 * without the query; a server that does not know the hash answers an error {@code PersistedQueryNotFound} (Apollo
 * Server: {@code extensions.code} {@code PERSISTED_QUERY_NOT_FOUND}), and the client sends the query with the hash, which
 * the server checks against the text and registers. Hash-only queries may go as GET, so a CDN can cache them.
 */
@QuarkusTest
class PersistedQueriesTest {

    private static final String QUERY = "query Deployments($first: Int) { deployments(first: $first) { totalCount "
            + "nodes { id name } } }";

    @Inject
    PersistedQueries persistedQueries;

    @ParameterizedTest
    @ValueSource(strings = { "compiled", "smallrye" })
    void getRunsAQueryAsPostDoes(String engine) {
        Object posted = GraphQLClient.post("deployments", Map.of("first", 2), Map.of(GraphQLEngine.ENGINE_HEADER, engine))
                .statusCode(200).body("errors", nullValue()).extract().path("data");
        given().accept(ContentType.JSON).header(GraphQLEngine.ENGINE_HEADER, engine)
                .queryParam("query", GraphQLClient.document("deployments"))
                .queryParam("variables", "{\"first\":2}").queryParam("operationName", "Deployments")
                .when().get("/graphql").then().statusCode(200)
                .body("errors", nullValue()).body("data", equalTo(posted));
    }

    @ParameterizedTest
    @ValueSource(strings = { "compiled", "smallrye" })
    void aMutationOverGetIs405WithAllowPost(String engine) {
        given().accept(ContentType.JSON).header(GraphQLEngine.ENGINE_HEADER, engine)
                .queryParam("query", GraphQLClient.document("updateProductRelease"))
                .queryParam("variables", "{\"id\":\"x\",\"input\":{\"notes\":\"via GET\"}}")
                .when().get("/graphql").then().statusCode(405)
                .header("Allow", "POST")
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "compiled", "smallrye" })
    void anUnknownHashAloneIsPersistedQueryNotFound(String engine) {
        String query = unique(QUERY);
        for (ValidatableResponse answer : new ValidatableResponse[] { hashOnlyPost(query, engine),
                hashOnlyGet(query, engine, Map.of()) }) {
            answer.statusCode(200)
                    .body("errors[0].message", equalTo("PersistedQueryNotFound"))
                    .body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_FOUND"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "compiled", "smallrye" })
    void theQueryWithItsHashRegistersItForEveryReplica(String engine) {
        String query = unique(QUERY);
        String hash = PersistedQueries.sha256(query);
        given().contentType(ContentType.JSON).accept(ContentType.JSON).header(GraphQLEngine.ENGINE_HEADER, engine)
                .body(Map.of("query", query, "variables", Map.of("first", 1), "extensions", extensions(hash)))
                .when().post("/graphql").then().statusCode(200)
                .body("errors", nullValue()).body("data.deployments.totalCount", notNullValue());

        assertThat(persistedQueries.storedNow(hash)).as("kept in the shared store").contains(query);
        hashOnlyPost(query, engine).statusCode(200).body("errors", nullValue())
                .body("data.deployments.nodes", notNullValue());
        hashOnlyGet(query, engine, Map.of()).statusCode(200).body("errors", nullValue())
                .body("data.deployments.nodes", notNullValue());
    }

    @Test
    void aHashThatIsNotTheTextsIsRefused() {
        String query = unique(QUERY);
        given().contentType(ContentType.JSON).accept(ContentType.JSON)
                .body(Map.of("query", query, "extensions", extensions(PersistedQueries.sha256(query + " "))))
                .when().post("/graphql").then().statusCode(400)
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.field", equalTo("extensions.persistedQuery.sha256Hash"));
        assertThat(persistedQueries.storedNow(PersistedQueries.sha256(query))).isEmpty();
    }

    @Test
    void aPersistedGetCarriesHeadersACdnCanUse() {
        String query = unique(QUERY);
        persistedQueries.register(query).await().indefinitely();

        // every caller of /graphql is authorised (a viewer at least), so the answer is the caller's: private
        ValidatableResponse first = hashOnlyGet(query, "compiled", TestTokens.bearer(TestTokens.viewer()))
                .statusCode(200).body("errors", nullValue())
                .header("Cache-Control", "private, max-age=60")
                .header("Vary", "Authorization");
        String etag = first.extract().header("ETag");
        assertThat(etag).startsWith("\"");
        hashOnlyGet(query, "compiled", Map.of("If-None-Match", etag)).statusCode(304).header("ETag", etag);
        hashOnlyGet(query, "smallrye", Map.of()).statusCode(200)
                .header("Cache-Control", "private, max-age=60")
                .header("ETag", etag);
        // a query that is not persisted is not for a CDN
        given().accept(ContentType.JSON).queryParam("query", query).queryParam("variables", "{\"first\":1}")
                .when().get("/graphql").then().statusCode(200).header("ETag", nullValue());
    }

    private static ValidatableResponse hashOnlyPost(String query, String engine) {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON).header(GraphQLEngine.ENGINE_HEADER, engine)
                .body(Map.of("variables", Map.of("first", 1), "extensions", extensions(PersistedQueries.sha256(query))))
                .when().post("/graphql").then();
    }

    private static ValidatableResponse hashOnlyGet(String query, String engine, Map<String, String> headers) {
        return given().accept(ContentType.JSON).header(GraphQLEngine.ENGINE_HEADER, engine).headers(headers)
                .queryParam("variables", "{\"first\":1}")
                .queryParam("extensions", "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\""
                        + PersistedQueries.sha256(query) + "\"}}")
                .when().get("/graphql").then();
    }

    private static Map<String, Object> extensions(String hash) {
        return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
    }

    /** A text no other test registered: a comment changes the hash, not the operation. */
    private static String unique(String query) {
        return "# " + UUID.randomUUID() + "\n" + query;
    }
}
