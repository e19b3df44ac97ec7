package io.releasegraph.sandbox.cryptlex;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Cryptlex's burst limit: at most {@code rate-limit.requests} per {@code rate-limit.window} per
 * client IP, as fixed windows that start with a client's first request.
 */
@ApplicationScoped
public class CryptlexRateLimiter {

    /** Forget idle clients once this many are tracked, so the map cannot grow without bound. */
    private static final int PRUNE_ABOVE = 10_000;

    private final CryptlexSandboxConfig config;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public CryptlexRateLimiter(CryptlexSandboxConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Counts one request of {@code client} and says whether it is within budget. */
    Decision acquire(String client) {
        int budget = config.rateLimit().requests();
        Duration length = config.rateLimit().window();
        Instant now = clock.instant();
        if (windows.size() > PRUNE_ABOVE) {
            windows.values().removeIf(window -> !now.isBefore(window.end()));
        }
        // compute() is atomic per client, so the returned window describes exactly this request
        Window window = windows.compute(client, (key, current) -> {
            if (current == null || !now.isBefore(current.end())) {
                return new Window(now.plus(length), 1, true);
            }
            return current.used() < budget
                    ? new Window(current.end(), current.used() + 1, true)
                    : new Window(current.end(), current.used(), false);
        });
        return new Decision(window.admitted(), length, Math.max(0, budget - window.used()), window.end(), now);
    }

    /** Forgets every client's usage; for tests. */
    public void reset() {
        windows.clear();
    }

    /** {@code admitted} tells whether the request that produced this state was within budget. */
    private record Window(Instant end, int used, boolean admitted) {
    }

    /** The outcome for one request, with what the {@code X-Rate-Limit-*} headers report. */
    record Decision(boolean allowed, Duration window, int remaining, Instant reset, Instant now) {

        /** Whole seconds until the window ends, at least 1. */
        long retryAfterSeconds() {
            long millis = Duration.between(now, reset).toMillis();
            return Math.max(1, (millis + 999) / 1000);
        }
    }
}
