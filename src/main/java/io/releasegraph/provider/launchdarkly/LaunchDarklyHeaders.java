package io.releasegraph.provider.launchdarkly;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

import io.releasegraph.config.GatewayConfig;

/**
 * The two headers every LaunchDarkly release call needs: the access token as is in {@code Authorization} (a
 * {@code Bearer} prefix makes it invalid) and {@code LD-API-Version: beta}, without which beta routes answer 403.
 */
@ApplicationScoped
class LaunchDarklyHeaders implements ClientHeadersFactory {

    static final String API_VERSION = "LD-API-Version";
    static final String BETA = "beta";

    private final String token;

    LaunchDarklyHeaders(GatewayConfig config) {
        this.token = config.launchdarkly().token().orElse(null);
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        if (token != null) {
            headers.add("Authorization", token);
        }
        headers.add(API_VERSION, BETA);
        return headers;
    }
}
