package io.releasegraph.sandbox.cryptlex;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the Cryptlex Releases sandbox served under {@code /sandbox/cryptlex}. */
@ConfigMapping(prefix = "gateway.sandbox.cryptlex")
public interface CryptlexSandboxConfig {

    /** Bearer token granting the scopes {@code release:read release:write}. */
    @WithDefault("sandbox-cryptlex-token")
    String token();

    /** Bearer token granting only {@code release:read}; writes with it answer 403. */
    @WithDefault("sandbox-cryptlex-read-token")
    String readOnlyToken();

    /** Per-client-IP request budget, as the real API applies it. */
    RateLimit rateLimit();

    /** Where and how {@code release.updated} webhooks are delivered. */
    Webhook webhook();

    interface RateLimit {
        /** Requests allowed per client IP within one window. */
        @WithDefault("50")
        int requests();

        /** Length of one rate-limit window. */
        @WithDefault("PT5S")
        Duration window();
    }

    interface Webhook {
        /** URL that receives {@code release.updated} events; no webhook is sent when absent. */
        Optional<String> url();

        /** The webhook's token: the key of the {@code Webhook-Signature} HMAC-SHA256, as Cryptlex signs. */
        @WithDefault("sandbox-webhook-secret")
        String secret();
    }
}
