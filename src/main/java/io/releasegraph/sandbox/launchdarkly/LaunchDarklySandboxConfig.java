package io.releasegraph.sandbox.launchdarkly;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the LaunchDarkly sandbox served under {@code /sandbox/launchdarkly}. */
@ConfigMapping(prefix = "gateway.sandbox.launchdarkly")
public interface LaunchDarklySandboxConfig {

    /** The access token the sandbox accepts, sent raw in {@code Authorization} (no {@code Bearer} prefix). */
    @WithDefault("sandbox-launchdarkly-token")
    String token();

    /** The simulated API rate limit, one budget shared by every sandbox route. */
    RateLimit rateLimit();

    interface RateLimit {
        /** Requests allowed per window; the next one gets 429 until the window ends. */
        @WithDefault("100")
        int requests();

        /** Length of a rate-limit window; LaunchDarkly uses 10 seconds. */
        @WithDefault("PT10S")
        Duration window();
    }
}
