package io.releasegraph.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.releasegraph.support.GatewayProcess;
import io.releasegraph.support.Ids;

/** The embedded H2 file store keeps cached copies across a restart of the packaged gateway. */
class StoreRestartIT {

    @Test
    void aCopyCachedBeforeARestartIsServedAfterItWithoutCallingTheUpstream() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "it-h2-");
        Map<String, String> env = Map.of("QUARKUS_DATASOURCE_JDBC_URL",
                "jdbc:h2:file:" + dir.toAbsolutePath().resolve("releasegraph") + ";DB_CLOSE_ON_EXIT=FALSE");

        String fetchedAt;
        try (GatewayProcess before = GatewayProcess.start("restart-before", env)) {
            fetchedAt = before.graphql("deploymentCache", Map.of("id", Ids.deployment(2))).statusCode(200)
                    .body("errors", nullValue())
                    .extract().path("data.deployment.cache.fetchedAt");
        }

        try (GatewayProcess after = GatewayProcess.start("restart-after", env)) {
            after.graphql("deploymentCache", Map.of("id", Ids.deployment(2))).statusCode(200)
                    .body("errors", nullValue())
                    .body("data.deployment.cache.fetchedAt", equalTo(fetchedAt))
                    .body("data.deployment.cache.stale", equalTo(false));
            assertThat(after.metric("releasegraph_upstream_calls_total", "upstream", "trifacta")).isZero();
            assertThat(after.metric("releasegraph_cache_hits_total", "level", "store", "kind", "deployment"))
                    .isEqualTo(1.0);
        }
    }
}
