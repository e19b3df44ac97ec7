package io.releasegraph.sandbox.trifacta;

import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.releasegraph.config.SandboxSwitch;

/**
 * What every request under {@code /sandbox/trifacta} gets, whether or not it matches an endpoint:
 * authentication before anything else, an {@code x-trifacta-request-id} header, and the
 * {@code {"exception": …}} body on errors the framework produced without one (unknown path, wrong method).
 */
public class TrifactaSandboxFilters {

    static final String REQUEST_ID_HEADER = "x-trifacta-request-id";
    private static final String ROOT = "/sandbox/trifacta";

    private final SandboxSwitch sandbox;
    private final TrifactaSandboxConfig config;

    public TrifactaSandboxFilters(SandboxSwitch sandbox, TrifactaSandboxConfig config) {
        this.sandbox = sandbox;
        this.config = config;
    }

    /** Pre-matching, so that an unknown id or path cannot be probed without credentials. */
    @ServerRequestFilter(preMatching = true)
    public Response authenticate(ContainerRequestContext request) {
        if (!applies(request)) {
            return null;
        }
        String problem = credentialProblem(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        return problem == null ? null : TrifactaApiException.authenticationFailed(problem).toResponse();
    }

    @ServerResponseFilter
    public void tagResponse(ContainerRequestContext request, ContainerResponseContext response) {
        if (!applies(request)) {
            return;
        }
        response.getHeaders().putSingle(REQUEST_ID_HEADER, UUID.randomUUID().toString());
        if (response.getStatus() >= 400 && !response.hasEntity()) {
            TrifactaApiException error = TrifactaApiException.forStatus(response.getStatus(),
                    request.getMethod() + " " + request.getUriInfo().getPath());
            response.setEntity(error.body(), new Annotation[0], MediaType.APPLICATION_JSON_TYPE);
        }
    }

    /**
     * Checks the sandbox switch itself so that SandboxGate's plain 404 stays plain (and no 401 leaks
     * out) whichever pre-matching filter runs first.
     */
    private boolean applies(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return sandbox.on() && (path.equals(ROOT) || path.startsWith(ROOT + "/"));
    }

    /** Why the header is not acceptable, or {@code null} when it is; never echoes the credentials. */
    private String credentialProblem(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return "Missing Authorization header: send 'Bearer <access token>' or HTTP Basic credentials";
        }
        String[] schemeAndValue = authorization.trim().split("\\s+", 2);
        String value = schemeAndValue.length == 2 ? schemeAndValue[1] : "";
        if (schemeAndValue[0].equalsIgnoreCase("Bearer")) {
            return same(value, config.token()) ? null : "Invalid access token";
        }
        if (schemeAndValue[0].equalsIgnoreCase("Basic")) {
            return same(decodeBasic(value), config.username() + ":" + config.password())
                    ? null
                    : "Invalid username or password";
        }
        return "Unsupported authorization scheme: use Bearer or Basic";
    }

    private static String decodeBasic(String value) {
        try {
            return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
