package io.releasegraph.sandbox;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /sandbox/faults} {@code {"upstream": "trifacta", "mode": "down" | "slow" | "ok"}} makes one sandbox
 * fail; {@code GET /sandbox/faults} shows every sandbox's mode. Hidden, like all of {@code /sandbox}, when the sandbox
 * is off ({@link SandboxGate}).
 */
@Path("/sandbox/faults")
@Produces(MediaType.APPLICATION_JSON)
public class SandboxFaultsResource {

    /** The body of {@code POST /sandbox/faults}. */
    public record FaultRequest(String upstream, String mode) {
    }

    private final SandboxFaults faults;

    SandboxFaultsResource(SandboxFaults faults) {
        this.faults = faults;
    }

    @GET
    public Map<String, String> modes() {
        return faults.all();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response set(FaultRequest request) {
        if (request == null) {
            return badRequest("Send {\"upstream\": \"trifacta\" | \"cryptlex\" | \"launchdarkly\", \"mode\": \"down\" | \"slow\" | \"ok\"}.");
        }
        var upstream = SandboxFaults.Upstream.of(String.valueOf(request.upstream()));
        var mode = SandboxFaults.Mode.of(String.valueOf(request.mode()));
        if (upstream.isEmpty()) {
            return badRequest("`upstream` must be trifacta, cryptlex or launchdarkly.");
        }
        if (mode.isEmpty()) {
            return badRequest("`mode` must be down, slow or ok.");
        }
        faults.set(upstream.get(), mode.get());
        return Response.ok(faults.all()).build();
    }

    private static Response badRequest(String message) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", message)).build();
    }
}
