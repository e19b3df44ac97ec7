package io.releasegraph.sandbox.cryptlex;

import static io.releasegraph.sandbox.cryptlex.CryptlexSandboxTest.ISO_UTC;
import static io.releasegraph.sandbox.cryptlex.CryptlexSandboxTest.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.support.MutableClock;
import io.restassured.response.Response;

@QuarkusTest
@TestProfile(CryptlexSandboxRateLimitTest.TinyBudget.class)
class CryptlexSandboxRateLimitTest {

    public static class TinyBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.sandbox.cryptlex.rate-limit.requests", "3",
                    "gateway.sandbox.cryptlex.rate-limit.window", "PT2S");
        }
    }

    @Inject
    CryptlexRateLimiter limiter;

    @Inject
    MutableClock clock;

    @BeforeEach
    void freshBudget() {
        limiter.reset();
    }

    @Test
    void refusesTheRequestAfterTheBudgetUntilTheWindowEnds() {
        for (int remaining = 2; remaining >= 0; remaining--) {
            api().get("/v3/releases").then().statusCode(200)
                    .header("X-Rate-Limit-Limit", "2s")
                    .header("X-Rate-Limit-Remaining", String.valueOf(remaining))
                    .header("X-Rate-Limit-Reset", matchesPattern(ISO_UTC));
        }

        Response refused = api().get("/v3/releases");

        refused.then().statusCode(429)
                .body("code", equalTo("RATE_LIMITED"))
                .header("X-Rate-Limit-Limit", "2s")
                .header("X-Rate-Limit-Remaining", "0")
                .header("X-Rate-Limit-Reset", matchesPattern(ISO_UTC));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 2L);
        assertThat(Instant.parse(refused.header("X-Rate-Limit-Reset")))
                .isBetween(clock.instant().minusSeconds(1), clock.instant().plusSeconds(2));

        clock.advance(Duration.ofSeconds(retryAfter));
        api().get("/v3/releases").then().statusCode(200).header("X-Rate-Limit-Remaining", "2");
    }

    @Test
    void countsRequestsBeforeCheckingTheToken() {
        for (int i = 0; i < 3; i++) {
            api("wrong-token").get("/v3/releases").then().statusCode(401);
        }

        api().get("/v3/releases").then().statusCode(429).body("code", equalTo("RATE_LIMITED"));
    }
}
