package io.releasegraph.provider.trifacta;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

import io.releasegraph.config.GatewayConfig;

/** Adds Trifacta's {@code Authorization}: Basic when user and password are configured, else Bearer with the token. */
@ApplicationScoped
class TrifactaAuthHeaders implements ClientHeadersFactory {

    private final String authorization;

    TrifactaAuthHeaders(GatewayConfig config) {
        GatewayConfig.Trifacta trifacta = config.trifacta();
        // Basic only when configured explicitly: the token has a sandbox default.
        if (trifacta.username().isPresent() && trifacta.password().isPresent()) {
            String pair = trifacta.username().get() + ":" + trifacta.password().get();
            authorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        } else {
            authorization = trifacta.token().map(token -> "Bearer " + token).orElse(null);
        }
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        if (authorization != null) {
            headers.add("Authorization", authorization);
        }
        return headers;
    }
}
