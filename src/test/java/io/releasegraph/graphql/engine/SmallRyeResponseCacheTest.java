package io.releasegraph.graphql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.cache.CacheKey;
import io.releasegraph.cache.UpstreamCache;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.PrometheusMetrics;

/**
 * With {@code gateway.graphql.engine=smallrye} whole answers are still kept: the response cache sits in front of both
 * engines and takes SmallRye's body as its route writes it. A repeat is answered with the same bytes and no upstream
 * call; evicting an entry it was made from drops it.
 */
@QuarkusTest
@TestProfile(SmallRyeResponseCacheTest.SmallRyeOnly.class)
class SmallRyeResponseCacheTest {

    public static class SmallRyeOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.graphql.engine", "smallrye");
        }
    }

    @Inject
    UpstreamCache cache;

    @Test
    void smallRyesAnswersAreKeptAndGoWithTheirEntries() {
        double compiled = engineRequests("compiled");
        String first = GraphQLClient.post("deploymentsCache", Map.of()).statusCode(200).body("errors", nullValue())
                .extract().asString();
        double hits = responseHits();
        double calls = upstreamCalls();

        String second = GraphQLClient.post("deploymentsCache", Map.of()).statusCode(200).extract().asString();
        assertThat(second).as("the kept bytes of SmallRye's answer").isEqualTo(first);
        assertThat(responseHits()).isEqualTo(hits + 1);
        assertThat(upstreamCalls()).isEqualTo(calls);
        assertThat(engineRequests("compiled")).as("SmallRye ran everything").isEqualTo(compiled);

        cache.evict(CacheKey.every(ReleaseSource.TRIFACTA, "deployments")).await().indefinitely();
        String third = GraphQLClient.post("deploymentsCache", Map.of()).statusCode(200).body("errors", nullValue())
                .extract().asString();
        assertThat(responseHits()).as("the eviction dropped the answer").isEqualTo(hits + 1);
        assertThat(upstreamCalls()).as("made afresh").isGreaterThan(calls);

        GraphQLClient.post("deploymentsCache", Map.of()).statusCode(200);
        assertThat(responseHits()).as("and kept again").isEqualTo(hits + 2);
        assertThat(third).contains("\"deployments\"");
    }

    private static double responseHits() {
        return PrometheusMetrics.sum("releasegraph_cache_hits_total", "level", "response");
    }

    private static double upstreamCalls() {
        return PrometheusMetrics.sum("releasegraph_upstream_calls_total");
    }

    private static double engineRequests(String engine) {
        return PrometheusMetrics.sum("releasegraph_graphql_engine_requests_total", "engine", engine);
    }
}
