package io.releasegraph.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.releasegraph.support.GatewayProcess;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.JsonMessageCollector;
import io.releasegraph.support.TestDatabase;
import io.restassured.response.ValidatableResponse;

/**
 * Two replicas of the packaged gateway on one PostgreSQL database and one upstream (the first replica's Trifacta
 * sandbox): an activation through the first is what the second reads next, although it had the old state cached;
 * a Cryptlex webhook delivery accepted by one is refused as a replay by the other; a {@code releaseEvents}
 * subscriber on either replica hears of a mutation made through the other, once.
 */
class ReplicasIT {

    private static final Duration WITHIN = Duration.ofSeconds(1);
    private static final String WEBHOOK_TOKEN = "replicas-webhook-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anActivationThroughOneReplicaIsReadThroughTheOtherAtOnce() throws Exception {
        assumeTrue(TestDatabase.available(), "no PostgreSQL server at 127.0.0.1:5432");
        try (TestDatabase database = TestDatabase.create();
                GatewayProcess first = GatewayProcess.start("replica-1", postgresql(database, Map.of()));
                GatewayProcess second = GatewayProcess.start("replica-2", postgresql(database,
                        Map.of("QUARKUS_REST_CLIENT_TRIFACTA_URL", first.url() + "/sandbox/trifacta")))) {
            // Marketing Attribution: release 4 active. Both replicas read it, twice: the second read is a cache hit.
            for (GatewayProcess replica : new GatewayProcess[] { first, second, first, second }) {
                replica.graphql("deploymentCache", Map.of("id", Ids.deployment(2))).statusCode(200)
                        .body("errors", nullValue())
                        .body("data.deployment.activeRelease.id", equalTo(Ids.deploymentRelease(4)));
            }
            assertThat(second.metric("releasegraph_cache_hits_total", "kind", "deployment")).isPositive();

            first.graphql("activateRelease", Map.of("releaseId", Ids.deploymentRelease(5))).statusCode(200)
                    .body("errors", nullValue());
            Instant activated = Instant.now();

            String seen = null;
            while (Duration.between(activated, Instant.now()).compareTo(WITHIN) < 0) {
                seen = second.graphql("deploymentCache", Map.of("id", Ids.deployment(2))).statusCode(200)
                        .extract().path("data.deployment.activeRelease.id");
                if (Ids.deploymentRelease(5).equals(seen)) {
                    break;
                }
            }
            Duration took = Duration.between(activated, Instant.now());
            assertThat(seen).as("the second replica's read within %s of the activation", WITHIN)
                    .isEqualTo(Ids.deploymentRelease(5));
            System.out.printf("ReplicasIT: the second replica read the new active release %d ms after the activation%n",
                    took.toMillis());
            assertThat(second.metric("releasegraph_cache_evictions_total", "origin", "replica")).isPositive();
        }
    }

    @Test
    void aWebhookDeliveryAcceptedByOneReplicaIsRefusedAsAReplayByTheOther() throws Exception {
        assumeTrue(TestDatabase.available(), "no PostgreSQL server at 127.0.0.1:5432");
        Map<String, String> token = Map.of("GATEWAY_CRYPTLEX_WEBHOOK_SECRET", WEBHOOK_TOKEN);
        try (TestDatabase database = TestDatabase.create();
                GatewayProcess first = GatewayProcess.start("replica-1-webhook", postgresql(database, token));
                GatewayProcess second = GatewayProcess.start("replica-2-webhook", postgresql(database, token))) {
            // seed 003's body verbatim, signed as Cryptlex signs (see src/test/resources/webhooks/cryptlex/README.md)
            byte[] body = GraphQLClient.resource("webhooks/cryptlex/seed-003-release-updated.json")
                    .getBytes(StandardCharsets.UTF_8);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WEBHOOK_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = Base64.getEncoder().encodeToString(mac.doFinal(body));

            deliver(first, signature, body).statusCode(204);
            deliver(second, signature, body).statusCode(401);
            deliver(first, signature, body).statusCode(401);
        }
    }

    @Test
    void aSubscriberOnOneReplicaSeesAMutationMadeThroughTheOtherExactlyOnce() throws Exception {
        assumeTrue(TestDatabase.available(), "no PostgreSQL server at 127.0.0.1:5432");
        try (TestDatabase database = TestDatabase.create();
                GatewayProcess first = GatewayProcess.start("replica-1-events", postgresql(database, Map.of()));
                GatewayProcess second = GatewayProcess.start("replica-2-events", postgresql(database,
                        Map.of("QUARKUS_REST_CLIENT_TRIFACTA_URL", first.url() + "/sandbox/trifacta")))) {
            Subscriber onFirst = Subscriber.open(first);
            Subscriber onSecond = Subscriber.open(second);
            try {
                // graphql-transport-ws does not acknowledge subscribe: activate release 5 through the second replica
                // until the first replica's subscriber hears of it, so both subscriptions are live.
                await("the first replica's subscription live").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofSeconds(1)).until(() -> {
                            second.graphql("activateRelease", Map.of("releaseId", Ids.deploymentRelease(5)))
                                    .statusCode(200).body("errors", nullValue());
                            return onFirst.received("RELEASE_ACTIVATED", Ids.deploymentRelease(5)) > 0;
                        });
                await("the second replica's subscription live").atMost(Duration.ofSeconds(10))
                        .until(() -> onSecond.received("RELEASE_ACTIVATED", Ids.deploymentRelease(5)) > 0);

                // one mutation through the second replica: release 4 activated, release 5 deactivated
                second.graphql("activateRelease", Map.of("releaseId", Ids.deploymentRelease(4))).statusCode(200)
                        .body("errors", nullValue());

                for (Subscriber subscriber : List.of(onFirst, onSecond)) {
                    await(subscriber.name + " hears of the activation").atMost(Duration.ofSeconds(5))
                            .until(() -> subscriber.received("RELEASE_ACTIVATED", Ids.deploymentRelease(4)) > 0);
                }
                // exactly once, on the replica that made it (no echo of its own notification) and on the other
                await("no second delivery").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() ->
                        onFirst.received("RELEASE_ACTIVATED", Ids.deploymentRelease(4)) == 1
                                && onSecond.received("RELEASE_ACTIVATED", Ids.deploymentRelease(4)) == 1
                                && onFirst.received("RELEASE_DEACTIVATED", Ids.deploymentRelease(5)) == 1
                                && onSecond.received("RELEASE_DEACTIVATED", Ids.deploymentRelease(5)) == 1);
                JsonNode event = onFirst.event("RELEASE_ACTIVATED", Ids.deploymentRelease(4));
                assertThat(event.path("source").asText()).isEqualTo("TRIFACTA");
                assertThat(event.path("origin").asText()).isEqualTo("GATEWAY");
                assertThat(event.path("release").path("id").asText()).isEqualTo(Ids.deploymentRelease(4));
                assertThat(event.path("occurredAt").asText()).isNotBlank();
            } finally {
                onFirst.close();
                onSecond.close();
            }
        }
    }

    /** A {@code releaseEvents} subscription over graphql-transport-ws, as a browser opens it, keeping every event. */
    private static final class Subscriber {

        private final String name;
        private final WebSocket socket;
        private final BlockingQueue<JsonNode> messages;
        private final List<JsonNode> events = new ArrayList<>();

        private Subscriber(String name, WebSocket socket, BlockingQueue<JsonNode> messages) {
            this.name = name;
            this.socket = socket;
            this.messages = messages;
        }

        static Subscriber open(GatewayProcess replica) throws Exception {
            // fetched first: the gateway closes a connection whose connection_init is late
            String token = replica.operatorToken();
            BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
                    .buildAsync(URI.create(replica.url().replaceFirst("^http", "ws") + "/graphql"),
                            new JsonMessageCollector(messages))
                    .get(10, TimeUnit.SECONDS);
            send(socket, Map.of("type", "connection_init",
                    "payload", Map.of("Authorization", "Bearer " + token)));
            JsonNode ack = messages.poll(10, TimeUnit.SECONDS);
            assertThat(ack).as("connection_ack").isNotNull();
            assertThat(ack.path("type").asText()).isEqualTo("connection_ack");
            send(socket, Map.of("id", "1", "type", "subscribe", "payload", Map.of(
                    "query", GraphQLClient.document("releaseEvents"), "variables", Map.of("source", "TRIFACTA"))));
            return new Subscriber(replica.url(), socket, messages);
        }

        /** How many events of this type about this release arrived so far. */
        synchronized int received(String type, String releaseId) throws Exception {
            for (JsonNode message; (message = messages.poll()) != null;) {
                if (message.path("type").asText().equals("ping")) {
                    send(socket, Map.of("type", "pong"));
                    continue;
                }
                assertThat(message.path("type").asText()).as("message %s", message).isEqualTo("next");
                events.add(message.path("payload").path("data").path("releaseEvents"));
            }
            return (int) events.stream().filter(event -> type.equals(event.path("type").asText())
                    && releaseId.equals(event.path("releaseId").asText())).count();
        }

        synchronized JsonNode event(String type, String releaseId) throws Exception {
            received(type, releaseId);
            return events.stream().filter(event -> type.equals(event.path("type").asText())
                    && releaseId.equals(event.path("releaseId").asText())).findFirst().orElseThrow();
        }

        void close() {
            socket.abort();
        }

        private static void send(WebSocket socket, Map<String, Object> message) throws Exception {
            socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
        }
    }

    private static ValidatableResponse deliver(GatewayProcess replica, String signature, byte[] body) {
        return given().contentType("application/json; charset=utf-8").header("Webhook-Signature", signature)
                .body(body).when().post(replica.url() + "/webhooks/cryptlex").then();
    }

    private static Map<String, String> postgresql(TestDatabase database, Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "GATEWAY_STORE", "postgresql",
                "QUARKUS_DATASOURCE_PG_JDBC_URL", database.jdbcUrl(),
                "QUARKUS_DATASOURCE_PG_USERNAME", database.user(),
                "QUARKUS_DATASOURCE_PG_PASSWORD", database.password()));
        env.putAll(more);
        return env;
    }
}
