package io.releasegraph.provider;

import java.util.Optional;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;

/**
 * The end of one GraphQL request's time budget ({@code gateway.request-budget.*}), kept in the request's Vert.x
 * duplicated context: set when the request arrives, read by every guarded upstream call made for it. Monotonic
 * ({@link System#nanoTime()}), not the injectable clock: it bounds real waiting, which a test clock must not stretch.
 */
public final class RequestDeadline {

    private static final String KEY = RequestDeadline.class.getName();

    private RequestDeadline() {
    }

    /** Starts the budget of the current request; outside a request (no duplicated context) nothing is bounded. */
    public static void start(java.time.Duration budget) {
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(KEY, System.nanoTime() + budget.toNanos());
        }
    }

    /** The deadline of the current request, in {@link System#nanoTime()} units, if it has one. */
    static Optional<Long> current() {
        return VertxContext.isOnDuplicatedContext() ? ContextLocals.get(KEY) : Optional.empty();
    }
}
