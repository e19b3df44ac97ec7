package io.releasegraph.sandbox.launchdarkly;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.releasegraph.sandbox.launchdarkly.LaunchDarklyRateLimiter.Budget;

/**
 * The checks LaunchDarkly makes before it looks at a request, in its order: the access token (401), the beta opt-in
 * header (403), then the rate limit (429). Every sandbox answer carries the rate-limit headers.
 */
public class LaunchDarklySandboxFilter {

    static final String PATH_PREFIX = "/sandbox/launchdarkly";
    static final String API_VERSION_HEADER = "LD-API-Version";
    static final String REMAINING_HEADER = "X-Ratelimit-Route-Remaining";
    static final String RESET_HEADER = "X-Ratelimit-Reset";
    private static final String BUDGET_PROPERTY = LaunchDarklySandboxFilter.class.getName() + ".budget";
    private static final String CHECKED_PROPERTY = LaunchDarklySandboxFilter.class.getName() + ".checked";

    private final LaunchDarklySandboxConfig config;
    private final LaunchDarklyRateLimiter rateLimiter;
    private final Clock clock;

    public LaunchDarklySandboxFilter(LaunchDarklySandboxConfig config, LaunchDarklyRateLimiter rateLimiter,
            Clock clock) {
        this.config = config;
        this.clock = clock;
        this.rateLimiter = rateLimiter;
    }

    /** Runs after {@code SandboxGate} (priority USER), so a switched-off sandbox answers 404, not 401. */
    @ServerRequestFilter(preMatching = true, priority = Priorities.USER + 100)
    public Response checkHeadersAndBudget(ContainerRequestContext request) {
        if (!isSandboxPath(request)) {
            return null;
        }
        request.setProperty(CHECKED_PROPERTY, Boolean.TRUE);
        String token = request.getHeaderString("Authorization");
        if (token == null || token.isBlank()) {
            return LdErrors.response(401, "unauthorized", "Missing access token in the Authorization header");
        }
        if (!sameSecret(token, config.token())) {
            return LdErrors.response(401, "unauthorized",
                    "Invalid access token (send the token itself, without a Bearer prefix)");
        }
        if (!"beta".equals(request.getHeaderString(API_VERSION_HEADER))) {
            return LdErrors.response(403, "forbidden",
                    "This is a beta resource: send the header " + API_VERSION_HEADER + ": beta");
        }
        Budget budget = rateLimiter.acquire();
        request.setProperty(BUDGET_PROPERTY, budget);
        if (!budget.allowed()) {
            Response limited = LdErrors.response(429, "rate_limited",
                    "You've exceeded the API rate limit. Try again later.");
            limited.getHeaders().putSingle("Retry-After", budget.retryAfterSeconds(clock.millis()));
            return limited;
        }
        return null;
    }

    /** Only for requests the check above saw: a sandbox hidden by {@code SandboxGate} must not show its headers. */
    @ServerResponseFilter
    public void addRateLimitHeaders(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(CHECKED_PROPERTY) == null) {
            return;
        }
        Budget budget = request.getProperty(BUDGET_PROPERTY) instanceof Budget spent ? spent : rateLimiter.peek();
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle(REMAINING_HEADER, budget.remaining());
        headers.putSingle(RESET_HEADER, budget.resetAtMillis());
    }

    private static boolean isSandboxPath(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return path.equals(PATH_PREFIX) || path.startsWith(PATH_PREFIX + "/");
    }

    /** Compares in constant time, so response timing does not leak how much of a guessed token was right. */
    private static boolean sameSecret(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
