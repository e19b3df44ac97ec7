package io.releasegraph.sandbox.launchdarkly;

import static io.releasegraph.sandbox.launchdarkly.LaunchDarklySandboxTest.LEGACY_RELEASE;
import static io.releasegraph.sandbox.launchdarkly.LaunchDarklySandboxTest.ld;
import static io.releasegraph.sandbox.launchdarkly.LaunchDarklySandboxTest.replace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.support.LaunchDarklyOpenApi;
import io.restassured.response.Response;

@QuarkusTest
@TestProfile(LaunchDarklySandboxRateLimitTest.TinyBudget.class)
class LaunchDarklySandboxRateLimitTest {

    /** Three requests per hour: the budget runs out within a test, and the window never ends during one. */
    public static class TinyBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.sandbox.launchdarkly.rate-limit.requests", "3",
                    "gateway.sandbox.launchdarkly.rate-limit.window", "PT1H");
        }
    }

    @Inject
    LaunchDarklyStore store;

    @Inject
    LaunchDarklyRateLimiter rateLimiter;

    @BeforeEach
    void resetSandbox() {
        store.reset();
        rateLimiter.reset();
    }

    @Test
    void successfulAnswersCountDownTheBudget() {
        long before = System.currentTimeMillis();

        for (int remaining = 2; remaining >= 0; remaining--) {
            Response response = ld().get(LEGACY_RELEASE);
            response.then().statusCode(200).header("X-Ratelimit-Route-Remaining", String.valueOf(remaining));
            // the window opened with the first request and lasts an hour
            assertThat(Long.parseLong(response.header("X-Ratelimit-Reset")))
                    .isBetween(before + 3_600_000L, System.currentTimeMillis() + 3_600_000L);
        }
    }

    @Test
    void overBudgetIs429WithRetryAfterAndTheLimitHeaders() {
        for (int i = 0; i < 3; i++) {
            ld().get(LEGACY_RELEASE).then().statusCode(200);
        }
        long now = System.currentTimeMillis();

        Response limited = ld().body(replace(2, true)).patch(LEGACY_RELEASE);

        limited.then().statusCode(429).body("code", equalTo("rate_limited"))
                .header("X-Ratelimit-Route-Remaining", "0");
        LaunchDarklyOpenApi.assertValidResponse("PATCH", LEGACY_RELEASE, limited);
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 3600L);
        assertThat(Long.parseLong(limited.header("X-Ratelimit-Reset"))).isGreaterThan(now);
        // the refused PATCH changed nothing
        rateLimiter.reset();
        assertThat(ld().get(LEGACY_RELEASE).jsonPath().getBoolean("phases[2].complete")).isFalse();
    }

    @Test
    void requestsRefusedForTheirHeadersDoNotSpendTheBudget() {
        io.restassured.RestAssured.given().basePath("/sandbox/launchdarkly").get(LEGACY_RELEASE)
                .then().statusCode(401).header("X-Ratelimit-Route-Remaining", "3");

        ld().get(LEGACY_RELEASE).then().statusCode(200).header("X-Ratelimit-Route-Remaining", "2");
    }
}
