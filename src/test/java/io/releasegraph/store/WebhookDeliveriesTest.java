package io.releasegraph.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.runtime.AgroalDataSourceUtil;
import io.quarkus.datasource.common.runtime.DataSourceUtil;
import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.support.Datasources;
import io.smallrye.mutiny.Uni;

/**
 * The replay memory in the store ({@code webhook_delivery}, migration V6): insert-if-absent decided by the primary key,
 * so concurrent claims (threads here, replicas in production) have exactly one winner; expired rows give way.
 */
@QuarkusTest
class WebhookDeliveriesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    WebhookDeliveries deliveries;

    @Test
    void aSignatureIsClaimedOnceWhileRemembered() {
        byte[] signature = signature();
        Instant expiresAt = Instant.now().plusSeconds(300);

        assertThat(deliveries.claim(signature, expiresAt).await().atMost(WAIT)).isTrue();
        assertThat(deliveries.claim(signature, expiresAt).await().atMost(WAIT)).isFalse();
    }

    @Test
    void concurrentClaimsOfOneSignatureHaveOneWinner() {
        byte[] signature = signature();
        List<Uni<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            claims.add(deliveries.claim(signature, Instant.now().plusSeconds(300)));
        }

        List<Boolean> outcomes = Uni.join().all(claims).andFailFast().await().atMost(WAIT);

        assertThat(outcomes).containsOnlyOnce(true).hasSize(8);
    }

    @Test
    void anExpiredMemoryGivesWayToANewClaim() {
        byte[] signature = signature();

        assertThat(deliveries.claim(signature, Instant.now().minusSeconds(1)).await().atMost(WAIT)).isTrue();
        assertThat(deliveries.claim(signature, Instant.now().plusSeconds(300)).await().atMost(WAIT)).isTrue();
        assertThat(deliveries.claim(signature, Instant.now().plusSeconds(300)).await().atMost(WAIT)).isFalse();
    }

    @Test
    void aForgottenDeliveryCanBeClaimedAgain() {
        byte[] signature = signature();
        deliveries.claim(signature, Instant.now().plusSeconds(300)).await().atMost(WAIT);

        deliveries.forget(signature).await().atMost(WAIT);

        assertThat(deliveries.claim(signature, Instant.now().plusSeconds(300)).await().atMost(WAIT)).isTrue();
    }

    @Test
    void thePurgeDeletesExpiredRowsOnlyAndRowsHoldAHashNotTheSignature() throws Exception {
        byte[] expired = signature();
        byte[] live = signature();
        deliveries.claim(expired, Instant.now().minusSeconds(1)).await().atMost(WAIT);
        deliveries.claim(live, Instant.now().plusSeconds(300)).await().atMost(WAIT);

        deliveries.purge();

        assertThat(keys()).containsExactly(WebhookDeliveries.key(live));
        assertThat(WebhookDeliveries.key(live)).hasSize(64).doesNotContain(new String(live, StandardCharsets.UTF_8));
    }

    private static byte[] signature() {
        return UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> keys() throws Exception {
        AgroalDataSource store = AgroalDataSourceUtil.dataSourceIfActive(
                Datasources.postgresqlActive() ? Datasources.POSTGRESQL : DataSourceUtil.DEFAULT_DATASOURCE_NAME)
                .orElseThrow();
        List<String> keys = new ArrayList<>();
        try (Connection connection = store.getConnection(); Statement query = connection.createStatement();
                ResultSet rows = query.executeQuery("SELECT signature_hash FROM webhook_delivery")) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }
}
