package io.releasegraph.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.sandbox.cryptlex.CryptlexRateLimiter;
import io.releasegraph.sandbox.cryptlex.CryptlexSandboxState;
import io.releasegraph.sandbox.cryptlex.CryptlexSeed;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.JsonMessageCollector;
import io.releasegraph.support.Ids;
import io.releasegraph.support.TestTokens;
import io.releasegraph.webhook.WebhookSignature;

/**
 * {@code releaseEvents} as a frontend receives it: a real WebSocket client speaking graphql-transport-ws
 * ({@code connection_init}, {@code subscribe}, {@code next}) to {@code /graphql}.
 */
@QuarkusTest
class ReleaseEventsSubscriptionTest {

    private static final Duration WAIT = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    CryptlexSandboxState sandbox;

    @Inject
    CryptlexRateLimiter rateLimiter;

    private WebSocket socket;
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();

    @BeforeEach
    void connect() throws Exception {
        sandbox.reset();
        rateLimiter.reset();
        // minted before connecting: connection_init must arrive within the init timeout, even on a loaded machine
        String token = TestTokens.viewer();
        URI ws = URI.create(graphql.toString().replaceFirst("^http", "ws"));
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("graphql-transport-ws")
                .buildAsync(ws, new JsonMessageCollector(messages)).get(10, TimeUnit.SECONDS);
        // Browsers cannot set headers on a WebSocket: the token travels in connection_init, as graphql-ws clients send it.
        send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + token)));
        assertThat(next(message -> true).path("type").asText()).isEqualTo("connection_ack");
    }

    @AfterEach
    void close() {
        socket.abort();
    }

    @Test
    void deliversAVerifiedWebhookAsAnEvent() throws Exception {
        subscribe("CRYPTLEX");
        String releaseId = "subscription-test-release";
        String expectedId = Ids.productRelease(releaseId);

        JsonNode event = triggerUntil(() -> {
            byte[] body = webhookBody(releaseId, Instant.now().toString());
            given().contentType("application/json")
                    .header(WebhookSignature.HEADER, WebhookSignature.sign("sandbox-webhook-secret", body))
                    .body(body).when().post("/webhooks/cryptlex").then().statusCode(204);
        }, e -> e.path("releaseId").asText().equals(expectedId));

        assertThat(event.path("type").asText()).isEqualTo("RELEASE_UPDATED");
        assertThat(event.path("source").asText()).isEqualTo("CRYPTLEX");
        assertThat(event.path("origin").asText()).isEqualTo("WEBHOOK");
        assertThat(event.path("release").path("version").asText()).isEqualTo("3.0.0");
    }

    @Test
    void deliversTheGatewaysOwnMutation() throws Exception {
        subscribe(null);
        String id = Ids.productRelease(CryptlexSeed.STUDIO_2_5_1_BETA);
        int[] edits = { 0 };

        JsonNode event = triggerUntil(() -> GraphQLClient.post("updateProductRelease",
                Map.of("id", id, "input", Map.of("notes", "edit " + ++edits[0])))
                .statusCode(200).body("errors", nullValue()),
                e -> e.path("origin").asText().equals("GATEWAY") && e.path("releaseId").asText().equals(id));

        assertThat(event.path("type").asText()).isEqualTo("RELEASE_UPDATED");
        assertThat(event.path("release").path("id").asText()).isEqualTo(id);
        assertThat(event.path("occurredAt").asText()).isNotBlank();
    }

    @Test
    void filtersBySource() throws Exception {
        subscribe("TRIFACTA");
        String id = Ids.productRelease(CryptlexSeed.STUDIO_2_5_1_BETA);

        GraphQLClient.post("updateProductRelease", Map.of("id", id, "input", Map.of("notes", "not for Trifacta")))
                .statusCode(200).body("errors", nullValue());

        assertThat(messages.poll(1500, TimeUnit.MILLISECONDS)).isNull();
    }

    private void subscribe(String source) throws Exception {
        Map<String, Object> variables = source == null ? Map.of() : Map.of("source", source);
        send(Map.of("id", "1", "type", "subscribe",
                "payload", Map.of("query", GraphQLClient.document("releaseEvents"), "variables", variables)));
    }

    /**
     * The protocol has no acknowledgement of {@code subscribe}, so the trigger is repeated until the subscription,
     * once live, reports an event that matches.
     */
    private JsonNode triggerUntil(Runnable trigger, Predicate<JsonNode> wanted) throws Exception {
        for (int attempt = 0; attempt < 10; attempt++) {
            trigger.run();
            long deadline = System.nanoTime() + WAIT.toNanos();
            JsonNode message;
            while ((message = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
                assertThat(message.path("type").asText()).as("message %s", message).isEqualTo("next");
                assertThat(message.path("id").asText()).isEqualTo("1");
                JsonNode event = message.path("payload").path("data").path("releaseEvents");
                if (wanted.test(event)) {
                    return event;
                }
            }
        }
        throw new AssertionError("no matching event arrived");
    }

    private JsonNode next(Predicate<JsonNode> wanted) throws InterruptedException {
        JsonNode message = messages.poll(10, TimeUnit.SECONDS);
        assertThat(message).as("a message within 10 s").isNotNull();
        return message;
    }

    private void send(Map<String, Object> message) throws Exception {
        socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
    }

    private static byte[] webhookBody(String id, String updatedAt) {
        return ("{\"event\":\"release.updated\",\"triggeredAt\":\"" + updatedAt + "\",\"data\":{\"id\":\"" + id + "\","
                + "\"createdAt\":\"2025-06-03T11:20:00Z\",\"updatedAt\":\"" + updatedAt + "\",\"name\":\"Subscription test\","
                + "\"channel\":\"beta\",\"version\":\"3.0.0\",\"platforms\":[],\"notes\":\"\",\"totalFiles\":0,"
                + "\"publishedAt\":null,\"files\":[],\"published\":false,\"private\":false,\"archived\":false,"
                + "\"productId\":\"p-1\",\"tenantId\":\"t-1\"}}").getBytes(StandardCharsets.UTF_8);
    }
}
