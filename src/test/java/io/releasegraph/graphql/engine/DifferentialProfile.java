package io.releasegraph.graphql.engine;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * What makes one document's two runs comparable: no cache (both engines call the upstreams), fault tolerance that
 * cannot change its mind within a document (breakers that never open on their own, short retry delays), runs that
 * stay in progress while they are compared, and no webhooks arriving from the Cryptlex sandbox in between.
 */
public class DifferentialProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        config.put("gateway.cache.enabled", "false");
        String prefix = "gateway.fault-tolerance.";
        config.put(prefix + "retry.delay", "5ms");
        config.put(prefix + "retry.jitter", "1ms");
        config.put(prefix + "retry.max-delay", "20ms");
        config.put(prefix + "circuit-breaker.request-volume-threshold", "100000");
        config.put("gateway.sandbox.trifacta.job-duration", "PT10H");
        config.put("gateway.sandbox.cryptlex.webhook.url", "");
        return config;
    }
}
