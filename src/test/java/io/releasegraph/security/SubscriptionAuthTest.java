package io.releasegraph.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.JsonMessageCollector;
import io.releasegraph.support.Ids;
import io.releasegraph.support.TestTokens;

/**
 * The same rules over graphql-transport-ws: a viewer may subscribe but not run a mutation over the socket. A
 * connection without a token is closed at connection_init (WebSocketGuardTest).
 */
@QuarkusTest
class SubscriptionAuthTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/graphql")
    URI graphql;

    private WebSocket socket;
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();

    @AfterEach
    void close() {
        if (socket != null) {
            socket.abort();
        }
    }

    @Test
    void aViewerCannotSendAMutationOverTheSocket() throws Exception {
        connect(Map.of("Authorization", "Bearer " + TestTokens.viewer()));
        send(Map.of("id", "2", "type", "subscribe", "payload", Map.of("query", GraphQLClient.document("runDeployment"),
                "variables", Map.of("deploymentId", Ids.deployment(3), "parameters", java.util.List.of()))));

        JsonNode refusal = next();
        assertThat(refusal.toString()).as("%s", refusal).contains("FORBIDDEN");
    }

    private void connect(Map<String, Object> initPayload) throws Exception {
        URI ws = URI.create(graphql.toString().replaceFirst("^http", "ws"));
        socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .buildAsync(ws, new JsonMessageCollector(messages)).get(10, TimeUnit.SECONDS);
        send(Map.of("type", "connection_init", "payload", initPayload));
        assertThat(next().path("type").asText()).isEqualTo("connection_ack");
    }

    /** The next message that is not a keep-alive ping. */
    private JsonNode next() throws InterruptedException {
        JsonNode message;
        do {
            message = messages.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a message within 10 s").isNotNull();
        } while ("ping".equals(message.path("type").asText()));
        return message;
    }

    private void send(Map<String, Object> message) throws Exception {
        socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
    }

}
