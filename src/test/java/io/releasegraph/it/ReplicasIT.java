package io.releasegraph.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.releasegraph.support.GatewayProcess;
import io.releasegraph.support.Ids;
import io.releasegraph.support.TestDatabase;

/**
 * Two replicas of the packaged gateway on one PostgreSQL database and one upstream (the first replica's Trifacta
 * sandbox): an activation through the first is what the second reads next, although it had the old state cached.
 */
class ReplicasIT {

    private static final Duration WITHIN = Duration.ofSeconds(1);

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
