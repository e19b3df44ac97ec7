package io.releasegraph.webhook;

import java.util.HashMap;
import java.util.Map;

import io.releasegraph.support.CryptlexWireMock;

/**
 * Cryptlex's API on WireMock (so a test decides what Cryptlex answers, e.g. for the seed's release {@code "string"}),
 * and a webhook token configured as in production. The sandbox signs its own deliveries with the same token, as
 * Cryptlex would with the webhook's.
 */
public class CryptlexWebhookUpstream extends CryptlexWireMock {

    static final String TOKEN = "test-webhook-token";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("gateway.cryptlex.webhook.secret", TOKEN);
        config.put("gateway.sandbox.cryptlex.webhook.secret", TOKEN);
        return config;
    }
}
