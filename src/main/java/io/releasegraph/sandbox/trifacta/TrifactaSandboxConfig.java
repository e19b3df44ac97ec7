package io.releasegraph.sandbox.trifacta;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the simulated Trifacta Deployment Manager served under {@code /sandbox/trifacta}. */
@ConfigMapping(prefix = "gateway.sandbox.trifacta")
public interface TrifactaSandboxConfig {

    /** API access token accepted as {@code Authorization: Bearer <token>}. */
    @WithDefault("sandbox-trifacta-token")
    String token();

    /** User name accepted with HTTP Basic authentication. */
    @WithDefault("sandbox@releasegraph.local")
    String username();

    /** Password accepted with HTTP Basic authentication. */
    @WithDefault("sandbox")
    String password();

    /** How long a job group stays {@code InProgress} before it ends {@code Complete} or {@code Failed}. */
    @WithDefault("PT3S")
    Duration jobDuration();
}
