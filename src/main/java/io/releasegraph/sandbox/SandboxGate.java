package io.releasegraph.sandbox;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.releasegraph.config.GatewayConfig;
import io.releasegraph.config.SandboxSwitch;
import io.smallrye.mutiny.Uni;

/**
 * In front of every sandbox endpoint: hides them all (404) unless {@code gateway.sandbox.enabled} is on, and plays
 * the faults set with {@code POST /sandbox/faults} (503 when down, a delay past the read timeout when slow).
 */
public class SandboxGate {

    private final GatewayConfig config;
    private final SandboxSwitch sandbox;
    private final SandboxFaults faults;

    public SandboxGate(GatewayConfig config, SandboxSwitch sandbox, SandboxFaults faults) {
        this.config = config;
        this.sandbox = sandbox;
        this.faults = faults;
    }

    @ServerRequestFilter(preMatching = true)
    public Uni<Response> gate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/sandbox")) {
            return Uni.createFrom().nullItem();
        }
        if (!sandbox.on()) {
            return Uni.createFrom().item(Response.status(Response.Status.NOT_FOUND).build());
        }
        return switch (faults.modeForPath(path)) {
            case DOWN -> Uni.createFrom().item(Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .type(MediaType.APPLICATION_JSON)
                    .entity("{\"error\":\"sandbox set to down with POST /sandbox/faults\"}").build());
            // null: go on to the endpoint, only later; the delay does not hold a thread
            case SLOW -> Uni.createFrom().<Response> nullItem().onItem().delayIt().by(config.sandbox().slowDelay());
            case OK -> Uni.createFrom().nullItem();
        };
    }
}
