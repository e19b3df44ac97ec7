package io.releasegraph.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every setting of the gateway's own, under the {@code gateway.} prefix. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** The built-in simulators of the upstream APIs, served under {@code /sandbox}. */
    Sandbox sandbox();

    /** Trifacta Deployment Manager credentials and paging (its URL is {@code quarkus.rest-client.trifacta.url}). */
    Trifacta trifacta();

    /** GraphQL multipart uploads ({@code importRelease}). */
    Upload upload();

    interface Trifacta {
        /** API access token, sent as {@code Authorization: Bearer} unless username and password are set. */
        Optional<String> token();

        /** User for HTTP Basic; with a password, Basic is used instead of the token. */
        Optional<String> username();

        /** Password for HTTP Basic. */
        Optional<String> password();

        /** Items per page when the gateway walks Trifacta's lists ({@code limit}). */
        @WithDefault("100")
        int pageSize();
    }

    interface Upload {
        /** The largest package {@code importRelease} accepts, in bytes. */
        @WithDefault("52428800")
        long maxBytes();
    }

    interface Sandbox {
        /** Serve the sandbox upstreams under {@code /sandbox}; switch off in production. */
        @WithDefault("true")
        boolean enabled();
    }
}
