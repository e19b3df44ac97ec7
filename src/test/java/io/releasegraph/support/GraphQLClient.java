package io.releasegraph.support;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Posts GraphQL documents kept as files under {@code src/test/resources/graphql/} to {@code POST /graphql},
 * as a frontend would; queries are never assembled from strings.
 */
public final class GraphQLClient {

    private GraphQLClient() {
    }

    public static ValidatableResponse post(String document, Map<String, Object> variables) {
        return post(document, variables, Map.of());
    }

    public static ValidatableResponse post(String document, Map<String, Object> variables, Map<String, String> headers) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", document(document));
        body.put("variables", variables);
        return given().contentType(ContentType.JSON).accept(ContentType.JSON).headers(headers).body(body)
                .when().post("/graphql")
                .then();
    }

    /** As {@link #post(String, Map)}, with the request's {@code operationName}. */
    public static ValidatableResponse postOperation(String document, String operationName, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", document(document));
        body.put("operationName", operationName);
        body.put("variables", variables);
        return given().contentType(ContentType.JSON).accept(ContentType.JSON).body(body)
                .when().post("/graphql")
                .then();
    }

    /** The text of {@code graphql/<name>.graphql} from the test resources. */
    public static String document(String name) {
        return resource("graphql/" + name + ".graphql");
    }

    public static String resource(String path) {
        try (InputStream in = GraphQLClient.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
