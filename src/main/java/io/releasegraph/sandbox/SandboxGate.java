package io.releasegraph.sandbox;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.releasegraph.config.GatewayConfig;

/** Hides every sandbox endpoint (404) unless {@code gateway.sandbox.enabled} is on. */
public class SandboxGate {

    private final GatewayConfig config;

    public SandboxGate(GatewayConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Response hideWhenDisabled(ContainerRequestContext request) {
        if (!config.sandbox().enabled() && request.getUriInfo().getPath().startsWith("/sandbox")) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        return null;
    }
}
