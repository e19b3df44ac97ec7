package io.releasegraph.health;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.releasegraph.provider.ReleaseProvider;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Readiness data for one upstream (a {@link ReleaseProvider}), never calling its API: an open circuit breaker says
 * DOWN; otherwise the latest real call within {@code gateway.health.recent-call-window} decides; otherwise a cached
 * TCP probe of its base URL does.
 * The check stays UP whatever the upstream's state (unless {@code gateway.health.upstreams-affect-readiness}),
 * because the gateway still answers from its cache and with partial data; {@code data.state} carries the truth.
 */
public class UpstreamHealthCheck implements AsyncHealthCheck {

    /** What the gateway knows about the upstream. */
    public enum State {
        UP, DOWN, NOT_CONFIGURED
    }

    private final ReleaseProvider upstream;
    private final HealthConfig health;
    private final UpstreamActivity activity;
    private final CircuitBreakers breakers;
    private final ReachabilityProbe probe;

    UpstreamHealthCheck(ReleaseProvider upstream, HealthConfig health, UpstreamActivity activity,
            CircuitBreakers breakers, ReachabilityProbe probe) {
        this.upstream = upstream;
        this.health = health;
        this.activity = activity;
        this.breakers = breakers;
        this.probe = probe;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        String key = upstream.key();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("upstream " + key);
        Optional<String> url = upstream.baseUrl();
        if (url.isEmpty()) {
            return Uni.createFrom().item(finish(response, State.NOT_CONFIGURED, "not-configured", null));
        }
        Map<String, CircuitBreakerState> states = breakers.of(key);
        states.forEach((name, state) -> response.withData("breaker." + name, state.name()));
        if (states.containsValue(CircuitBreakerState.OPEN)) {
            return Uni.createFrom().item(finish(response, State.DOWN, "circuit-breaker", "a circuit breaker is open"));
        }
        Optional<UpstreamActivity.Outcome> latest = activity.latest(key)
                .filter(outcome -> outcome.at().plus(health.recentCallWindow()).isAfter(Instant.now()));
        if (latest.isPresent()) {
            UpstreamActivity.Outcome outcome = latest.get();
            response.withData("lastCallStatus", outcome.status())
                    .withData("lastCallSecondsAgo", Duration.between(outcome.at(), Instant.now()).toSeconds());
            return Uni.createFrom().item(outcome.healthy()
                    ? finish(response, State.UP, "recent-call", null)
                    : finish(response, State.DOWN, "recent-call", "the latest call failed"));
        }
        return probe.check(URI.create(url.get())).map(result -> result.reachable()
                ? finish(response, State.UP, "probe", null)
                : finish(response, State.DOWN, "probe", result.failure()));
    }

    private HealthCheckResponse finish(HealthCheckResponseBuilder response, State state, String basis, String reason) {
        response.withData("state", state.name()).withData("basis", basis);
        if (reason != null) {
            response.withData("reason", reason);
        }
        boolean ready = state != State.DOWN || !health.upstreamsAffectReadiness();
        return response.status(ready).build();
    }
}
