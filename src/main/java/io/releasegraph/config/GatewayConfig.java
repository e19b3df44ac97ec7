package io.releasegraph.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every setting of the gateway's own, under the {@code gateway.} prefix. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** The built-in simulators of the upstream APIs, served under {@code /sandbox}. */
    Sandbox sandbox();

    interface Sandbox {
        /** Serve the sandbox upstreams under {@code /sandbox}; switch off in production. */
        @WithDefault("true")
        boolean enabled();
    }
}
