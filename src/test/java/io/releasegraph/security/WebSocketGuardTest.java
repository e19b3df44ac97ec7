package io.releasegraph.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.graphql.guard.WebSocketGuard;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.TestTokens;

/**
 * The WebSocket is as safe as HTTP. Close codes and messages are those of graphql-transport-ws
 * (https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md): 4401 Unauthorized, 4403 Forbidden, 4408
 * Connection initialisation timeout; an operation refused at {@code subscribe} gets an {@code error} message with
 * its id. Connection caps are ours: over the total the upgrade is refused with 503, over the per-caller cap the
 * socket closes with 1013 (RFC 6455 §7.4.2, "try again later").
 */
@QuarkusTest
@TestProfile(WebSocketGuardTest.SmallCaps.class)
class WebSocketGuardTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Caps small enough to reach, a short init timeout, and BadInputTest's document and size limits (same documents). */
    public static class SmallCaps implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.graphql.websocket.max-connections", "4",
                    "gateway.graphql.websocket.max-connections-per-caller", "2",
                    "gateway.graphql.websocket.connection-init-timeout", "PT1S",
                    "gateway.graphql.max-depth", "5",
                    "gateway.graphql.max-complexity", "20",
                    "gateway.graphql.max-aliases", "3",
                    "gateway.graphql.max-tokens", "100",
                    "gateway.graphql.max-request-bytes", "4096");
        }
    }

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    WebSocketGuard guard;

    private final List<Client> clients = new ArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(client -> client.socket.abort());
        await().atMost(WAIT).until(() -> guard.openConnections() == 0);
    }

    @Test
    void connectionInitWithoutATokenClosesWith4401BeforeAnyAck() throws Exception {
        Client client = open(Map.of());
        client.send(Map.of("type", "connection_init", "payload", Map.of()));
        assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo(4401);
        assertThat(client.messages).isEmpty();
    }

    @Test
    void connectionInitWithABadTokenClosesWith4403() throws Exception {
        Client client = open(Map.of());
        client.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer not.a.jwt")));
        assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo(4403);
        assertThat(client.messages).isEmpty();
    }

    @Test
    void aBadTokenInTheUpgradeHeaderClosesWith4403AtConnectionInit() throws Exception {
        Client client = open(Map.of("Authorization", "Bearer not.a.jwt"));
        client.send(Map.of("type", "connection_init", "payload", Map.of()));
        assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo(4403);
    }

    @Test
    void noConnectionInitWithinTheTimeoutClosesWith4408() throws Exception {
        Client client = open(Map.of());
        assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo(4408);
    }

    /** Each limit is refused at {@code subscribe}, before anything runs: the same documents the HTTP tests send. */
    @ParameterizedTest
    @CsvSource({ "limits/aliases, aliases", "limits/deep, depth", "limits/complexity, complexity",
            "limits/tokens, tokens" })
    void theHttpLimitsApplyAtSubscribe(String document, String limit) throws Exception {
        Client client = acked(TestTokens.viewer());
        client.send(Map.of("id", "op-1", "type", "subscribe",
                "payload", Map.of("query", GraphQLClient.document(document), "variables", Map.of())));
        JsonNode refusal = client.next();
        assertThat(refusal.path("type").asText()).as("%s", refusal).isEqualTo("error");
        assertThat(refusal.path("id").asText()).isEqualTo("op-1");
        assertThat(refusal.path("payload").path(0).path("extensions").path("code").asText()).isEqualTo("VALIDATION");
        assertThat(refusal.path("payload").path(0).path("extensions").path("limit").asText()).isEqualTo(limit);
    }

    /** graphql-transport-ws names no close code for size; 1009 is WebSocket's own "message too big" (RFC 6455). */
    @Test
    void aMessageLargerThanTheRequestLimitClosesWith1009() throws Exception {
        Client client = acked(TestTokens.viewer());
        String padded = GraphQLClient.document("releaseEvents") + " ".repeat(4096);
        client.send(Map.of("id", "big", "type", "subscribe", "payload", Map.of("query", padded, "variables", Map.of())));
        assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
        assertThat(client.messages.stream().map(m -> m.path("type").asText())).doesNotContain("next");
    }

    @Test
    void aValidSubscriptionStillRuns() throws Exception {
        Client client = acked(TestTokens.viewer());
        client.send(Map.of("id", "ok", "type", "subscribe",
                "payload", Map.of("query", GraphQLClient.document("releaseEvents"), "variables", Map.of())));
        client.send(Map.of("id", "ok", "type", "complete"));
        assertThat(client.closed).isNotDone();
        assertThat(client.messages.stream().map(m -> m.path("type").asText())).doesNotContain("error");
    }

    @Test
    void aCallerGetsAtMostTheConfiguredConnectionsAndAnotherCallerStillGetsIn() throws Exception {
        acked(TestTokens.viewer());
        acked(TestTokens.viewer());
        Client third = open(Map.of());
        third.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + TestTokens.viewer())));
        assertThat(third.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1013);

        acked(TestTokens.operator());
    }

    @Test
    void beyondTheTotalCapTheUpgradeIsRefusedAndAClosedConnectionFreesItsPlace() throws Exception {
        for (int i = 0; i < 4; i++) {
            open(Map.of());
        }
        assertThatThrownBy(() -> open(Map.of())).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class);

        clients.get(0).socket.abort();
        await().atMost(WAIT).until(() -> guard.openConnections() == 3);
        open(Map.of());
    }

    private Client acked(String token) throws Exception {
        Client client = open(Map.of());
        client.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + token)));
        assertThat(client.next().path("type").asText()).isEqualTo("connection_ack");
        return client;
    }

    private Client open(Map<String, String> headers) throws Exception {
        Client client = new Client();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws");
        headers.forEach(builder::header);
        client.socket = builder.buildAsync(URI.create(graphql.toString().replaceFirst("^http", "ws")), client)
                .get(10, TimeUnit.SECONDS);
        clients.add(client);
        return client;
    }

    /** One connection: its messages (pings left out) and the close code the server sent. */
    private static final class Client implements WebSocket.Listener {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    if (!"ping".equals(message.path("type").asText())) {
                        messages.add(message);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        JsonNode next() throws InterruptedException {
            JsonNode message = messages.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a message within 10 s").isNotNull();
            return message;
        }

        void send(Map<String, Object> message) throws Exception {
            socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
        }
    }
}
