package io.releasegraph.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.releasegraph.config.GatewayConfig.Graphql.Engine;
import io.releasegraph.config.GatewayConfig.Store;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The choices and durations of {@link GatewayConfig} take the documented values as written in the README, and
 * anything else fails (at start-up, where Quarkus maps the same interface) with a message naming key and value.
 */
class GatewayConfigValuesTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        GatewayConfig config = map(Map.of());

        assertThat(config.store()).isEqualTo(Store.H2);
        assertThat(config.graphql().engine()).isEqualTo(Engine.COMPILED);
        assertThat(config.cache().purgeEvery()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void documentedLowerCaseValuesMap() {
        GatewayConfig config = map(Map.of("gateway.store", "postgresql", "gateway.graphql.engine", "smallrye",
                "gateway.cache.purge-every", "15m"));

        assertThat(config.store()).isEqualTo(Store.POSTGRESQL);
        assertThat(config.graphql().engine()).isEqualTo(Engine.SMALLRYE);
        assertThat(config.cache().purgeEvery()).isEqualTo(Duration.ofMinutes(15));
        assertThat(map(Map.of("gateway.cache.purge-every", "PT2H")).cache().purgeEvery())
                .isEqualTo(Duration.ofHours(2));
    }

    @Test
    void anUnknownStoreFails() {
        assertThatThrownBy(() -> map(Map.of("gateway.store", "mysql")))
                .hasMessageContaining("gateway.store").hasMessageContaining("mysql")
                .hasMessageContaining("h2").hasMessageContaining("postgresql");
    }

    /** It used to fall back to SmallRye silently. */
    @Test
    void anUnknownEngineFails() {
        assertThatThrownBy(() -> map(Map.of("gateway.graphql.engine", "compild")))
                .hasMessageContaining("gateway.graphql.engine").hasMessageContaining("compild")
                .hasMessageContaining("compiled").hasMessageContaining("smallrye");
    }

    @Test
    void aPurgeIntervalThatIsNoDurationFails() {
        assertThatThrownBy(() -> map(Map.of("gateway.cache.purge-every", "hourly")))
                .hasMessageContaining("gateway.cache.purge-every").hasMessageContaining("hourly");
    }

    /** With Quarkus' converters (its Duration takes {@code 1h} as well as {@code PT1H}), as at start-up. */
    private static GatewayConfig map(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors().addDiscoveredConverters()
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .withMapping(GatewayConfig.class).build();
        return config.getConfigMapping(GatewayConfig.class);
    }
}
