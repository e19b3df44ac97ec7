package io.releasegraph.security;

import static io.restassured.RestAssured.given;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.support.TestTokens;

/**
 * Issue 15 item 5: {@code /sandbox/token} only ever signs with the sandbox's own throw-away key. With the sandbox on
 * and a real verification and signing key configured (the test key pair), it hands out nothing: a token it signed
 * would be accepted by every replica that trusts that key.
 */
@QuarkusTest
@TestProfile(DemoTokenKeyTest.SandboxOnWithARealKey.class)
class DemoTokenKeyTest {

    public static class SandboxOnWithARealKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestTokens.withTestKey("gateway.sandbox.enabled", "true",
                    "smallrye.jwt.sign.key.location", "auth/test-private-key.pem");
        }
    }

    @Test
    void noTokenIsSignedWithTheConfiguredKey() {
        given().queryParam("role", "operator").when().get("/sandbox/token").then().statusCode(404);
        given().queryParam("role", "viewer").when().get("/sandbox/token").then().statusCode(404);
    }
}
