package io.releasegraph.sandbox.cryptlex;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.vertx.core.http.HttpServerRequest;

/**
 * The one place where the Cryptlex sandbox checks every request: first the per-IP rate limit,
 * then the bearer token and its scope ({@code release:read} for GET, {@code release:write} for
 * everything else). Runs after matching, so only existing sandbox endpoints are counted.
 */
public class CryptlexAccessFilter {

    static final String PATH_PREFIX = "/sandbox/cryptlex/";
    static final String READ = "release:read";
    static final String WRITE = "release:write";

    private static final String DECISION = CryptlexAccessFilter.class.getName() + ".decision";
    private static final Set<String> READ_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final CryptlexSandboxConfig config;
    private final CryptlexRateLimiter limiter;

    public CryptlexAccessFilter(CryptlexSandboxConfig config, CryptlexRateLimiter limiter) {
        this.config = config;
        this.limiter = limiter;
    }

    @ServerRequestFilter
    public Response check(ContainerRequestContext request, HttpServerRequest http) {
        if (!request.getUriInfo().getPath().startsWith(PATH_PREFIX)) {
            return null;
        }
        CryptlexRateLimiter.Decision decision = limiter.acquire(clientAddress(http));
        request.setProperty(DECISION, decision);
        if (!decision.allowed()) {
            return Response.fromResponse(new CryptlexApiException(429, "RATE_LIMITED",
                    "rate limit of " + config.rateLimit().requests() + " requests per "
                            + formatWindow(decision.window()) + " exceeded").toResponse())
                    .header(HttpHeaders.RETRY_AFTER, decision.retryAfterSeconds())
                    .build();
        }
        Set<String> scopes = scopesOf(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (scopes.isEmpty()) {
            return new CryptlexApiException(401, "UNAUTHORIZED", "a valid bearer access token is required")
                    .toResponse();
        }
        String needed = READ_METHODS.contains(request.getMethod()) ? READ : WRITE;
        if (!scopes.contains(needed)) {
            return new CryptlexApiException(403, "FORBIDDEN", "the access token lacks the scope " + needed)
                    .toResponse();
        }
        return null;
    }

    /** Every answer to a counted request, including 401/403/429 and errors, reports the budget. */
    @ServerResponseFilter
    public void reportRateLimit(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof CryptlexRateLimiter.Decision decision) {
            MultivaluedMap<String, Object> headers = response.getHeaders();
            headers.putSingle("X-Rate-Limit-Limit", formatWindow(decision.window()));
            headers.putSingle("X-Rate-Limit-Remaining", decision.remaining());
            headers.putSingle("X-Rate-Limit-Reset", decision.reset().truncatedTo(ChronoUnit.MILLIS).toString());
        }
    }

    private Set<String> scopesOf(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Set.of();
        }
        Map<String, Set<String>> tokens = new HashMap<>();
        tokens.put(config.readOnlyToken(), Set.of(READ));
        // put last: if both settings hold the same token, it keeps full rights
        tokens.put(config.token(), Set.of(READ, WRITE));
        return tokens.getOrDefault(authorization.substring(7).trim(), Set.of());
    }

    private static String clientAddress(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }

    /** Cryptlex reports the window as a period such as {@code 5s} or {@code 1m}. */
    static String formatWindow(Duration window) {
        long millis = window.toMillis();
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
