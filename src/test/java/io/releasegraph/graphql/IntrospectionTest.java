package io.releasegraph.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import graphql.introspection.IntrospectionQuery;
import graphql.introspection.IntrospectionResultToSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.releasegraph.graphql.engine.GraphQLEngine;
import io.releasegraph.support.JsonMessageCollector;
import io.releasegraph.support.TestTokens;

/**
 * What every standard client sends first: graphql-java's {@link IntrospectionQuery#INTROSPECTION_QUERY}, verbatim (the
 * same text as graphql-js {@code getIntrospectionQuery()}, which GraphiQL, codegen and IDE plugins send). It nests
 * 15 deep, past the data depth limit; introspection has its own bounds (issue 14, item 1).
 */
@QuarkusTest
class IntrospectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/graphql")
    URI graphql;

    @ParameterizedTest
    @ValueSource(strings = { "compiled", "smallrye" })
    void theStandardIntrospectionQueryPassesOverHttp(String engine) throws Exception {
        String body = given().contentType(ContentType.JSON).accept(ContentType.JSON)
                .header(GraphQLEngine.ENGINE_HEADER, engine)
                .body(Map.of("query", IntrospectionQuery.INTROSPECTION_QUERY, "operationName", "IntrospectionQuery"))
                .when().post("/graphql").then().statusCode(200).extract().asString();
        JsonNode answer = JSON.readTree(body);
        assertThat(answer.path("errors").isMissingNode()).as(body).isTrue();
        assertIsTheSchema(answer.path("data"));
    }

    @Test
    void theStandardIntrospectionQueryPassesOverTheWebSocket() throws Exception {
        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .buildAsync(URI.create(graphql.toString().replaceFirst("^http", "ws")),
                        new JsonMessageCollector(messages))
                .get(10, TimeUnit.SECONDS);
        try {
            send(socket, Map.of("type", "connection_init",
                    "payload", Map.of("Authorization", "Bearer " + TestTokens.viewer())));
            assertThat(messages.poll(10, TimeUnit.SECONDS).path("type").asText()).isEqualTo("connection_ack");
            send(socket, Map.of("id", "1", "type", "subscribe",
                    "payload", Map.of("query", IntrospectionQuery.INTROSPECTION_QUERY)));
            JsonNode next = messages.poll(10, TimeUnit.SECONDS);
            assertThat(next.path("type").asText()).as(next.toString()).isEqualTo("next");
            assertThat(next.path("payload").path("errors").isMissingNode()).as(next.toString()).isTrue();
            assertIsTheSchema(next.path("payload").path("data"));
        } finally {
            socket.abort();
        }
    }

    /** The served SDL parses in a standard SDL parser (graphql-java's), scalars declared, and is the contract. */
    @Test
    void theServedSchemaParsesWithAStandardSdlParser() throws Exception {
        String served = given().when().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        TypeDefinitionRegistry registry = new SchemaParser().parse(served);
        for (String scalar : List.of("DateTime", "Upload", "BigInteger")) {
            assertThat(registry.scalars()).as("scalar " + scalar + " declared").containsKey(scalar);
        }
        // buildSchema's equivalent: every referenced type is declared
        new SchemaGenerator().makeExecutableSchema(registry,
                RuntimeWiring.MOCKED_WIRING);
        assertThat(served).isEqualTo(Files.readString(Path.of("schema.graphql"), StandardCharsets.UTF_8));
    }

    /** A type cycle ({@code fields} inside {@code fields}) is what makes introspection large: refused. */
    @Test
    void introspectionThroughATypeCycleIsRefused() {
        // a request error is 400 under application/graphql-response+json (GraphQL over HTTP; 200 under application/json)
        given().contentType(ContentType.JSON).accept("application/graphql-response+json")
                .body(Map.of("query", "{ __schema { types { fields { type { fields { name } } } } } }"))
                .when().post("/graphql").then().statusCode(400)
                .body("errors[0].extensions.code", org.hamcrest.Matchers.equalTo("VALIDATION"))
                .body("errors[0].extensions.limit", org.hamcrest.Matchers.equalTo("introspection"));
    }

    private static void assertIsTheSchema(JsonNode data) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> result = JSON.convertValue(data, Map.class);
        graphql.language.Document sdl = new IntrospectionResultToSchema().createSchemaDefinition(result);
        assertThat(sdl.getDefinitions()).isNotEmpty();
        List<String> types = data.path("__schema").path("types").findValuesAsText("name");
        assertThat(types).contains("Query", "Release", "DateTime", "Upload");
    }

    private static void send(WebSocket socket, Map<String, Object> message) throws Exception {
        socket.sendText(JSON.writeValueAsString(message), true).get(5, TimeUnit.SECONDS);
    }
}
