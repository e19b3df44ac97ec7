package io.releasegraph.security;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import io.releasegraph.config.GatewayConfig;

/**
 * HTTP GET /sandbox/token?role=viewer|operator: a demo caller token, signed by the key the gateway made at start.
 * Only while the sandbox is on ({@code SandboxGate} hides it otherwise) and no production key is configured; 404
 * in every other case, so it never hands out tokens a configured verifier would not accept anyway.
 */
@Path("/sandbox/token")
public class SandboxTokenResource {

    private final CallerKeys keys;
    private final GatewayConfig config;

    SandboxTokenResource(CallerKeys keys, GatewayConfig config) {
        this.keys = keys;
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public RestResponse<Map<String, Object>> token(@RestQuery String role) {
        Role wanted = Role.fromClaim(role == null ? Role.VIEWER.claim() : role).orElse(null);
        if (wanted == null) {
            return RestResponse.status(RestResponse.Status.BAD_REQUEST,
                    Map.of("message", "role must be viewer or operator"));
        }
        return keys.demoToken(wanted, config.auth().demoTokenLifetime())
                .map(token -> RestResponse.ok(Map.<String, Object> of(
                        "role", wanted.claim(),
                        "token", token,
                        "expiresInSeconds", config.auth().demoTokenLifetime().toSeconds(),
                        "authorization", "Bearer " + token)))
                .orElseGet(() -> RestResponse.status(RestResponse.Status.NOT_FOUND));
    }
}
