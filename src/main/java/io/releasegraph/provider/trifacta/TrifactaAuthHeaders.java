package io.releasegraph.provider.trifacta;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.releasegraph.config.GatewayConfig;
import io.releasegraph.provider.AuthorizationHeaders;

/** Adds Trifacta's {@code Authorization}: Basic when user and password are configured, else Bearer with the token. */
@ApplicationScoped
class TrifactaAuthHeaders extends AuthorizationHeaders {

    private final Optional<String> authorization;

    TrifactaAuthHeaders(GatewayConfig config) {
        GatewayConfig.Trifacta trifacta = config.trifacta();
        // Basic only when configured explicitly: the token has a sandbox default.
        if (trifacta.username().isPresent() && trifacta.password().isPresent()) {
            String pair = trifacta.username().get() + ":" + trifacta.password().get();
            authorization = Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        } else {
            authorization = bearer(trifacta.token());
        }
    }

    @Override
    protected Optional<String> authorization() {
        return authorization;
    }
}
