package io.releasegraph.sandbox.launchdarkly;

import static io.releasegraph.sandbox.launchdarkly.LaunchDarklySandboxTest.LEGACY_RELEASE;
import static io.releasegraph.sandbox.launchdarkly.LaunchDarklySandboxTest.ld;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.support.TestTokens;
import io.restassured.RestAssured;
import io.restassured.response.Response;

@QuarkusTest
@TestProfile(LaunchDarklySandboxGateTest.SandboxOff.class)
class LaunchDarklySandboxGateTest {

    public static class SandboxOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Sandbox off is production: callers are verified against a configured key.
            return TestTokens.withTestKey("gateway.sandbox.enabled", "false");
        }
    }

    @Test
    void switchedOffSandboxIs404EvenWithValidHeaders() {
        Response response = ld().get(LEGACY_RELEASE);

        response.then().statusCode(404);
        assertThat(response.header("X-Ratelimit-Route-Remaining")).isNull();
    }

    @Test
    void switchedOffSandboxIs404RatherThan401() {
        RestAssured.given().basePath("/sandbox/launchdarkly").get("/api/v2/projects/web-app/release-pipelines")
                .then().statusCode(404);
    }
}
