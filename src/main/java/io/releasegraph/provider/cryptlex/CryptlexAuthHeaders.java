package io.releasegraph.provider.cryptlex;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.releasegraph.config.GatewayConfig;
import io.releasegraph.provider.AuthorizationHeaders;

/** Cryptlex takes a personal access token as {@code Authorization: Bearer}. */
@ApplicationScoped
class CryptlexAuthHeaders extends AuthorizationHeaders {

    private final Optional<String> authorization;

    CryptlexAuthHeaders(GatewayConfig config) {
        this.authorization = bearer(config.cryptlex().token());
    }

    @Override
    protected Optional<String> authorization() {
        return authorization;
    }
}
