package io.releasegraph.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The gateway with a fourth, test-only upstream ({@link AcmeProvider}) registered beside the three real ones. Its
 * base URL is this server's own port, so readiness probes something that answers.
 */
public class FourthSourceProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        // acme is a real upstream to the gateway: callers carry test-key tokens, and the three others stay on their
        // sandboxes only because the sandbox is switched on.
        return TestTokens.withTestKey(AcmeProvider.ENABLED, "true",
                "quarkus.rest-client." + AcmeProvider.KEY + ".url",
                "http://127.0.0.1:${quarkus.http.test-port}/" + AcmeProvider.KEY,
                "gateway.sandbox.enabled", "true");
    }
}
