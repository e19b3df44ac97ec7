package io.releasegraph.resilience;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Short fault-tolerance values for the fault suites (the style guide's ShorterTimeouts), and known secret values
 * that must never reach a response, a log line or a metric.
 */
public class FaultProfile implements QuarkusTestProfile {

    static final String TRIFACTA_TOKEN = "KNOWN-trifacta-token-1f3e";
    static final String TRIFACTA_USER = "fault-suite-user";
    static final String TRIFACTA_PASSWORD = "KNOWN-basic-password-4c1d";
    static final String CRYPTLEX_TOKEN = "KNOWN-cryptlex-token-9e2b";
    static final String LAUNCHDARKLY_TOKEN = "KNOWN-launchdarkly-token-77aa";
    static final String WEBHOOK_SECRET = "KNOWN-webhook-secret-5d6c";
    /** Upstream error bodies quote this; the gateway must not pass it on. */
    static final String UPSTREAM_DETAIL = "db-host-17.internal refused";

    /** Every value that must stay on the server, including the Basic header made of user and password. */
    static List<String> secrets() {
        return List.of(TRIFACTA_TOKEN, TRIFACTA_PASSWORD, CRYPTLEX_TOKEN, LAUNCHDARKLY_TOKEN, WEBHOOK_SECRET,
                Base64.getEncoder().encodeToString((TRIFACTA_USER + ":" + TRIFACTA_PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)));
    }

    /** Above the 429 wait the suite accepts (Retry-After: 1), which the timeout includes. */
    static final int TIMEOUT_MILLIS = 2000;
    static final int MAX_RETRIES = 2;
    static final int BREAKER_VOLUME = 6;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        String prefix = "gateway.fault-tolerance.";
        config.put(prefix + "timeout", TIMEOUT_MILLIS + "ms");
        config.put(prefix + "retry.max-retries", String.valueOf(MAX_RETRIES));
        config.put(prefix + "retry.delay", "10ms");
        config.put(prefix + "retry.jitter", "5ms");
        config.put(prefix + "retry.max-delay", "50ms");
        config.put(prefix + "circuit-breaker.request-volume-threshold", String.valueOf(BREAKER_VOLUME));
        config.put(prefix + "circuit-breaker.failure-ratio", "0.5");
        config.put(prefix + "circuit-breaker.delay", "60s");
        // The contract for each fault, unmasked: stale copies and cached answers are the cache tests' subject.
        config.put("gateway.cache.enabled", "false");
        config.put(prefix + "operation.trifacta-importRelease.timeout", TIMEOUT_MILLIS + "ms");
        for (String upstream : List.of("trifacta", "cryptlex", "launchdarkly")) {
            config.put("gateway." + upstream + ".rate-limit.max-wait", "PT2S");
            config.put("gateway." + upstream + ".rate-limit.max-retries", "1");
        }
        config.put("gateway.trifacta.token", TRIFACTA_TOKEN);
        config.put("gateway.trifacta.username", TRIFACTA_USER);
        config.put("gateway.trifacta.password", TRIFACTA_PASSWORD);
        config.put("gateway.cryptlex.token", CRYPTLEX_TOKEN);
        config.put("gateway.launchdarkly.token", LAUNCHDARKLY_TOKEN);
        config.put("gateway.cryptlex.webhook.secret", WEBHOOK_SECRET);
        // Everything the gateway logs, so that a secret in a debug line would be caught too.
        config.put("quarkus.log.category.\"io.releasegraph\".level", "DEBUG");
        return config;
    }
}
