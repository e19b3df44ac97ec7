package io.releasegraph.observability;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on what the gateway's own metrics record ({@code gateway.metrics.*}). */
@ConfigMapping(prefix = "gateway.metrics")
public interface MetricsConfig {

    /** GraphQL operation metrics. */
    Graphql graphql();

    interface Graphql {
        /**
         * How many distinct operation names get their own series; later names are counted as {@code other}.
         * Clients choose operation names, so without a bound they could grow the metrics without limit.
         */
        @WithDefault("200")
        int maxOperationNames();
    }
}
