package io.releasegraph.provider;

import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Adds one fixed {@code Authorization} header, computed once from configuration, to every call of a REST client.
 * Each provider says how its header is made; nothing else is forwarded from the incoming request.
 */
public abstract class AuthorizationHeaders implements ClientHeadersFactory {

    /** The header value, or empty when no credential is configured (the upstream then answers 401). */
    protected abstract Optional<String> authorization();

    public static Optional<String> bearer(Optional<String> token) {
        return token.filter(value -> !value.isBlank()).map(value -> "Bearer " + value);
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        authorization().ifPresent(value -> headers.add("Authorization", value));
        return headers;
    }
}
