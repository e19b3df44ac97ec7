package io.releasegraph.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.MutableClock;
import io.releasegraph.support.PrometheusMetrics;

/**
 * Whole answers are kept only when every part came from a fresh cache entry, and go with the first of those entries
 * to be evicted or to expire. That mutations and webhooks reach kept answers is {@code CacheInvalidationTest}'s
 * subject: its reads repeat documents that are kept.
 */
@QuarkusTest
class ResponseCacheTest {

    private static final String HITS = "releasegraph_cache_hits_total";
    private static final Map<String, String> NO_CACHE = Map.of("Cache-Control", "no-cache");

    @Inject
    MutableClock clock;

    @Inject
    ResponseCache responses;

    @Inject
    UpstreamCache cache;

    @Test
    void aRepeatedQueryIsAnsweredWithTheKeptBytes() {
        String first = GraphQLClient.post("deploymentsCache", Map.of()).statusCode(200).body("errors", nullValue())
                .extract().asString();
        double hits = responseHits();

        String second = GraphQLClient.post("deploymentsCache", Map.of()).statusCode(200).extract().asString();
        assertThat(second).isEqualTo(first);
        assertThat(responseHits()).isEqualTo(hits + 1);

        GraphQLClient.post("deploymentsCache", Map.of(), NO_CACHE).statusCode(200).body("errors", nullValue());
        assertThat(responseHits()).as("no-cache is answered afresh").isEqualTo(hits + 1);
    }

    @Test
    void answersFromEverySourceAndBatchedFieldsAreKept() {
        List<Object[]> documents = List.of(new Object[] { "parity/nested", Map.of() },
                new Object[] { "releases", Map.of("first", 100) },
                new Object[] { "flagRelease", Map.of("projectKey", "web-app", "flagKey", "new-checkout-flow") },
                new Object[] { "productReleases", Map.of("channel", "beta") });
        for (Object[] document : documents) {
            @SuppressWarnings("unchecked")
            Map<String, Object> variables = (Map<String, Object>) document[1];
            GraphQLClient.post((String) document[0], variables).statusCode(200).body("errors", nullValue());
            double hits = responseHits();
            GraphQLClient.post((String) document[0], variables).statusCode(200).body("errors", nullValue());
            assertThat(responseHits()).as("%s kept", document[0]).isEqualTo(hits + 1);
        }
    }

    @Test
    void otherVariablesAreAnotherAnswer() {
        GraphQLClient.post("deploymentCache", Map.of("id", Ids.deployment(1))).statusCode(200);
        double hits = responseHits();
        GraphQLClient.post("deploymentCache", Map.of("id", Ids.deployment(2))).statusCode(200)
                .body("data.deployment.id", org.hamcrest.Matchers.equalTo(Ids.deployment(2)));
        assertThat(responseHits()).isEqualTo(hits);
    }

    @Test
    void answersWithRunsOrErrorsAreNeverKept() {
        // runs come from the gateway's own run history, which no cache entry stands for
        for (int i = 0; i < 2; i++) {
            GraphQLClient.post("deployment", Map.of("id", Ids.deployment(1))).statusCode(200)
                    .body("data.deployment.runs", notNullValue());
            GraphQLClient.post("deploymentCache", Map.of("id", Ids.deployment(999))).statusCode(200)
                    .body("errors[0].extensions.code", org.hamcrest.Matchers.equalTo("NOT_FOUND"));
        }
        double hits = responseHits();
        GraphQLClient.post("deployment", Map.of("id", Ids.deployment(1))).statusCode(200);
        GraphQLClient.post("deploymentCache", Map.of("id", Ids.deployment(999))).statusCode(200);
        assertThat(responseHits()).isEqualTo(hits);
    }

    @Test
    void anEvictionWhileTheAnswerWasMadeKeepsItFromBeingKept() {
        CacheKey source = CacheKey.of(ReleaseSource.TRIFACTA, "deployment", 41);
        ResponseCache.Key raced = key("raced");
        long since = cache.evictionSequence();
        cache.evict(source).await().indefinitely();

        responses.keep(raced, bytes("old"), List.of(fresh(source)), since);
        assertThat(responses.answer(raced)).isEmpty();

        ResponseCache.Key after = key("after");
        responses.keep(after, bytes("new"), List.of(fresh(source)), cache.evictionSequence());
        assertThat(responses.answer(after)).map(String::new).contains("new");
    }

    @Test
    void evictingAnEntryOrItsKindDropsTheAnswersMadeFromIt() {
        CacheKey deployment = CacheKey.of(ReleaseSource.TRIFACTA, "deployment", 42);
        CacheKey filtered = CacheKey.of(ReleaseSource.CRYPTLEX, "productReleases", "channel=beta");
        ResponseCache.Key fromDeployment = key("deployment");
        ResponseCache.Key fromList = key("list");
        long since = cache.evictionSequence();
        responses.keep(fromDeployment, bytes("a"), List.of(fresh(deployment)), since);
        responses.keep(fromList, bytes("b"), List.of(fresh(filtered),
                fresh(CacheKey.of(ReleaseSource.CRYPTLEX, "productRelease", "r-1"))), since);

        cache.evict(deployment).await().indefinitely();
        assertThat(responses.answer(fromDeployment)).isEmpty();
        assertThat(responses.answer(fromList)).isPresent();

        cache.evict(CacheKey.every(ReleaseSource.CRYPTLEX, "productReleases")).await().indefinitely();
        assertThat(responses.answer(fromList)).isEmpty();
    }

    @Test
    void anAnswerExpiresWithItsEarliestEntry() {
        ResponseCache.Key brief = key("brief");
        OffsetDateTime now = OffsetDateTime.now(clock);
        responses.keep(brief, bytes("x"), List.of(
                new CacheRequest.Dependency(CacheKey.of(ReleaseSource.TRIFACTA, "deployment", 43), now.plusMinutes(5)),
                new CacheRequest.Dependency(CacheKey.of(ReleaseSource.TRIFACTA, "release", 44), now.plusSeconds(30))),
                cache.evictionSequence());
        assertThat(responses.answer(brief)).isPresent();
        clock.advance(Duration.ofSeconds(29));
        assertThat(responses.answer(brief)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(responses.answer(brief)).isEmpty();
    }

    @Test
    void aRequestServedAStaleCopyHasNoDependencies() {
        CacheRequest request = new CacheRequest(false, null);
        request.dependsOn(CacheKey.of(ReleaseSource.TRIFACTA, "deployment", 45), OffsetDateTime.now().plusMinutes(1));
        assertThat(request.dependencies()).hasSize(1);
        request.servedStale(new CacheRequest.StaleServe("trifacta", "deployment", OffsetDateTime.now(), "unavailable"));
        assertThat(request.dependencies()).isEmpty();
    }

    private static CacheRequest.Dependency fresh(CacheKey key) {
        return new CacheRequest.Dependency(key, OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(5));
    }

    private static ResponseCache.Key key(String name) {
        return new ResponseCache.Key("query " + name + " { __typename }", name, "{}");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static double responseHits() {
        return PrometheusMetrics.sum(HITS, "level", "response");
    }
}
