package io.releasegraph.health;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The outcome of the latest real call to each upstream, fed by every REST client call. Readiness reads it
 * instead of calling the upstream itself, so probes cost the upstream nothing while traffic flows.
 */
@ApplicationScoped
public class UpstreamActivity {

    /** How one call ended: an HTTP status, or a failure kind ({@code TIMEOUT}, {@code IO_ERROR}) without one. */
    public record Outcome(Instant at, String status) {

        /** Reachable and usable: any answer except a server error or a refusal of our credentials. */
        public boolean healthy() {
            if (!Character.isDigit(status.charAt(0))) {
                return false;
            }
            int code = Integer.parseInt(status);
            return code < 500 && code != 401 && code != 403;
        }
    }

    private final Map<String, Outcome> latest = new ConcurrentHashMap<>();

    public void record(String upstream, String status) {
        latest.put(upstream, new Outcome(Instant.now(), status));
    }

    public Optional<Outcome> latest(String upstream) {
        return Optional.ofNullable(latest.get(upstream));
    }
}
