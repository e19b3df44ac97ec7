package io.releasegraph.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import io.releasegraph.support.GatewayProcess;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.TestDatabase;
import io.restassured.response.ValidatableResponse;

/**
 * Two replicas of the packaged gateway on one PostgreSQL database and one upstream (the first replica's Trifacta
 * sandbox): an activation through the first is what the second reads next, although it had the old state cached;
 * a Cryptlex webhook delivery accepted by one is refused as a replay by the other.
 */
class ReplicasIT {

    private static final Duration WITHIN = Duration.ofSeconds(1);
    private static final String WEBHOOK_TOKEN = "replicas-webhook-token";

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
