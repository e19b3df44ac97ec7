package io.releasegraph.graphql;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.sandbox.trifacta.TrifactaSandboxState;
import io.releasegraph.support.CleanSlate;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.MutableClock;

/** Freshness ends with the kind's TTL; a sandbox set to {@code slow} times out and the stale copy answers. */
@QuarkusTest
@TestProfile(CacheTtlAndTimeoutTest.ShortTtlAndTimeout.class)
class CacheTtlAndTimeoutTest {

    public static class ShortTtlAndTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.cache.ttl.deployment", DEPLOYMENT_TTL.toString(),
                    "gateway.fault-tolerance.timeout", "1s",
                    "gateway.sandbox.slow-delay", "PT3S");
        }
    }

    static final Duration DEPLOYMENT_TTL = Duration.ofMinutes(1);

    @Inject
    CleanSlate cleanSlate;

    @Inject
    MutableClock clock;

    @Inject
    TrifactaSandboxState trifacta;

    @BeforeEach
    void startClean() {
        cleanSlate.reset();
    }

    @Test
    void aCopyIsFreshUntilItsKindsTtlEnds() {
        GraphQLClient.post("deploymentCache", Map.of("id", Ids.deployment(2))).statusCode(200)
                .body("data.deployment.activeRelease.id", equalTo(Ids.deploymentRelease(4)));
        trifacta.patchRelease(5, new TrifactaSandboxState.ReleasePatch(true, false, null));

        GraphQLClient.post("deploymentCache", Map.of("id", Ids.deployment(2))).statusCode(200)
                .body("data.deployment.activeRelease.id", equalTo(Ids.deploymentRelease(4)));
        clock.advance(DEPLOYMENT_TTL.minusSeconds(5));
        GraphQLClient.post("deploymentCache", Map.of("id", Ids.deployment(2))).statusCode(200)
                .body("data.deployment.activeRelease.id", equalTo(Ids.deploymentRelease(4)));
        clock.advance(Duration.ofSeconds(5));
        GraphQLClient.post("deploymentCache", Map.of("id", Ids.deployment(2))).statusCode(200)
                .body("data.deployment.activeRelease.id", equalTo(Ids.deploymentRelease(5)))
                .body("data.deployment.cache.stale", equalTo(false));
    }

    @Test
    void aSlowUpstreamTimesOutAndTheStaleCopyAnswers() {
        String fetchedAt = GraphQLClient.post("deploymentCache", Map.of("id", Ids.deployment(2))).statusCode(200)
                .extract().path("data.deployment.cache.fetchedAt");
        CacheQueryTest.setFault("trifacta", "slow");

        GraphQLClient.post("deploymentCache", Map.of("id", Ids.deployment(2)), Map.of("Cache-Control", "no-cache"))
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.deployment.cache.stale", equalTo(true))
                .body("data.deployment.cache.fetchedAt", equalTo(fetchedAt))
                .body("extensions.warnings[0].code", equalTo("STALE_DATA"))
                .body("extensions.warnings[0].upstream", equalTo("trifacta"));
        CacheQueryTest.setFault("trifacta", "ok");
    }
}
