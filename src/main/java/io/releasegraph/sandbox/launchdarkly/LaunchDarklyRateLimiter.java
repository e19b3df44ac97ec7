package io.releasegraph.sandbox.launchdarkly;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * A fixed-window request budget for the whole sandbox. A window opens with the first request after the previous
 * one ended, so a test that resets the limiter gets a whole window, whatever the wall clock says.
 */
@ApplicationScoped
public class LaunchDarklyRateLimiter {

    /** What a request learns: whether it may run, how many requests are left, when the window ends (epoch ms). */
    public record Budget(boolean allowed, int remaining, long resetAtMillis) {

        /** Whole seconds until the window ends, at least 1, as {@code Retry-After} wants. */
        long retryAfterSeconds(long nowMillis) {
            return Math.max(1, (resetAtMillis - nowMillis + 999) / 1000);
        }
    }

    private final Clock clock;
    private final int requests;
    private final long windowMillis;
    private long windowEnd;
    private int used;

    public LaunchDarklyRateLimiter(LaunchDarklySandboxConfig config, Clock clock) {
        this.clock = clock;
        this.requests = config.rateLimit().requests();
        this.windowMillis = config.rateLimit().window().toMillis();
    }

    /** Spends one request of the budget, if any is left. */
    public synchronized Budget acquire() {
        roll(clock.millis());
        if (used >= requests) {
            return new Budget(false, 0, windowEnd);
        }
        used++;
        return new Budget(true, requests - used, windowEnd);
    }

    /** The budget as it stands, without spending any (for answers refused before the limiter is asked). */
    public synchronized Budget peek() {
        roll(clock.millis());
        return new Budget(true, Math.max(0, requests - used), windowEnd);
    }

    /** Closes the current window; tests call it so each starts with the full budget. */
    public synchronized void reset() {
        windowEnd = 0;
        used = 0;
    }

    private void roll(long now) {
        if (now >= windowEnd) {
            windowEnd = now + windowMillis;
            used = 0;
        }
    }
}
