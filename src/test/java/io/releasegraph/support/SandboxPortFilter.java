package io.releasegraph.support;

import java.net.URI;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.ext.Provider;

import io.restassured.RestAssured;

/**
 * Tests listen on a random port ({@code quarkus.http.test-port=0}), which config still reads as 0 when the
 * REST clients resolve their sandbox URLs. This points such calls at the port the test server really has.
 */
@Provider
public class SandboxPortFilter implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
        URI uri = request.getUri();
        if (uri.getPort() == 0 && "127.0.0.1".equals(uri.getHost())) {
            request.setUri(UriBuilder.fromUri(uri).port(RestAssured.port).build());
        }
    }
}
