package io.releasegraph.sandbox.cryptlex;

import static io.releasegraph.sandbox.cryptlex.CryptlexSandboxTest.api;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.support.TestTokens;

@QuarkusTest
@TestProfile(CryptlexSandboxGateTest.SandboxOff.class)
class CryptlexSandboxGateTest {

    public static class SandboxOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Sandbox off is production: callers are verified against a configured key.
            return TestTokens.withTestKey("gateway.sandbox.enabled", "false");
        }
    }

    @Test
    void hidesEveryEndpointWhenTheSandboxIsOff() {
        api().get("/v3/releases").then().statusCode(404);
        api().get("/v3/releases/{id}", CryptlexSeed.STUDIO_2_4_0).then().statusCode(404);
        api().body(Map.of("productId", CryptlexSeed.CLI_PRODUCT_ID, "name", "x", "version", "1.0"))
                .post("/v3/releases").then().statusCode(404);
        api().get("/v3/release-files").then().statusCode(404);
    }
}
