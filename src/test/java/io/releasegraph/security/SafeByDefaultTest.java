package io.releasegraph.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.config.StartupReport;
import io.releasegraph.support.TestTokens;

/**
 * Issue 15 item 5: one real upstream URL configured and {@code gateway.sandbox.enabled} left unset, as an operator
 * who forgot the switch would: the sandbox, its upstreams and its demo tokens are off, and the start-up log says
 * PRODUCTION. (The real upstream is a closed port; nothing here calls it.)
 */
@QuarkusTest
@TestProfile(SafeByDefaultTest.OneRealUpstream.class)
class SafeByDefaultTest {

    public static class OneRealUpstream implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestTokens.withTestKey("quarkus.rest-client.cryptlex.url", "http://127.0.0.1:9/");
        }
    }

    @Inject
    StartupReport report;

    @Test
    void theSandboxAndItsDemoTokensAreOff() {
        given().queryParam("role", "operator").when().get("/sandbox/token").then().statusCode(404);
        given().header("Authorization", "Bearer sandbox-trifacta-token").when().get("/sandbox/trifacta/v4/deployments")
                .then().statusCode(404);
    }

    @Test
    void theStartupLogSaysProduction() {
        assertThat(report.text()).contains("mode: PRODUCTION (real upstreams [cryptlex], sandbox off)")
                .contains("sandbox endpoints off");
    }
}
