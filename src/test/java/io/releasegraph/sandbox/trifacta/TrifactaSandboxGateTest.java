package io.releasegraph.sandbox.trifacta;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.support.TestTokens;

/** With the sandbox switched off, the Trifacta simulator is indistinguishable from a missing route. */
@QuarkusTest
@TestProfile(TrifactaSandboxGateTest.SandboxOff.class)
class TrifactaSandboxGateTest {

    public static class SandboxOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Sandbox off is production: callers are verified against a configured key.
            return TestTokens.withTestKey("gateway.sandbox.enabled", "false");
        }
    }

    @Test
    void disabledSandboxAnswersPlain404EvenWithValidCredentials() {
        given().auth().oauth2("sandbox-trifacta-token")
                .get("/sandbox/trifacta/v4/deployments")
                .then().statusCode(404)
                .header(TrifactaSandboxFilters.REQUEST_ID_HEADER, nullValue())
                .body(emptyString());
    }

    @Test
    void disabledSandboxDoesNotAskForCredentials() {
        given().get("/sandbox/trifacta/v4/deployments")
                .then().statusCode(404)
                .header(TrifactaSandboxFilters.REQUEST_ID_HEADER, nullValue());
    }
}
