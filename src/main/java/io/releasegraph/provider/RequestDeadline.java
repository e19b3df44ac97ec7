package io.releasegraph.provider;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The end of one GraphQL request's time budget ({@code gateway.request-budget.*}), kept in the request's Vert.x
 * duplicated context: started when the request arrives, ended with it, and bounding every guarded upstream call made
 * for it. One timer per request, armed by its first upstream call and cancelled once the answer's headers are written,
 * instead of one per call (11 per nested answer). Monotonic ({@link System#nanoTime()}), not the injectable clock: it
 * bounds real waiting, which a test clock must not stretch.
 */
public final class RequestDeadline {

    private static final String KEY = RequestDeadline.class.getName();
    private static final long NOT_ARMED = -1;
    /** Stands for a call's subscription once it need not be cancelled any more. */
    private static final Cancellable DONE = () -> {
    };

    private final Vertx vertx;
    private final Context context;
    private final long endNanos;
    /** What each call still waiting does when the budget is spent: cancel its upstream call and fail. */
    private final Set<Runnable> waiting = ConcurrentHashMap.newKeySet();
    private long timerId = NOT_ARMED; // guarded by this
    private boolean over;             // guarded by this: the request ended or the budget is spent

    private RequestDeadline(Context context, long endNanos) {
        this.vertx = context.owner();
        this.context = context;
        this.endNanos = endNanos;
    }

    /**
     * Starts the budget of the current request; outside a request (no duplicated context) nothing is bounded. The
     * caller ends it with {@link #end()} when the request ends.
     */
    public static Optional<RequestDeadline> start(Duration budget) {
        if (!VertxContext.isOnDuplicatedContext()) {
            return Optional.empty();
        }
        RequestDeadline deadline = new RequestDeadline(Vertx.currentContext(), System.nanoTime() + budget.toNanos());
        ContextLocals.put(KEY, deadline);
        return Optional.of(deadline);
    }

    /** The deadline of the current request, if it has one. */
    private static Optional<RequestDeadline> current() {
        return VertxContext.isOnDuplicatedContext() ? ContextLocals.get(KEY) : Optional.empty();
    }

    /**
     * The wait, ended with {@code spent}'s exception at the current request's deadline if it has one: for waits on
     * upstream calls that another request's guard bounds (a shared read).
     */
    public static <T> Uni<T> withinBudget(Uni<T> wait, Supplier<? extends Throwable> spent) {
        return current().map(deadline -> deadline.bound(wait, spent)).orElse(wait);
    }

    /** The request is answered: its timer is cancelled; a call made after this is no longer bounded by it. */
    public void end() {
        long timer;
        synchronized (this) {
            over = true;
            timer = timerId;
        }
        if (timer != NOT_ARMED) {
            vertx.cancelTimer(timer);
        }
    }

    /**
     * The call, failing with {@code spent}'s exception once the budget is spent, on the request's own context. The
     * call's subscription is cancelled then, so guarded retries stop with it.
     */
    <T> Uni<T> bound(Uni<T> call, Supplier<? extends Throwable> spent) {
        return Uni.createFrom().emitter(emitter -> {
            if (System.nanoTime() - endNanos >= 0) {
                emitter.fail(spent.get());
                return;
            }
            AtomicReference<Cancellable> upstream = new AtomicReference<>();
            Runnable expire = () -> {
                Cancellable subscription = upstream.getAndSet(DONE);
                if (subscription != null) {
                    subscription.cancel();
                }
                emitter.fail(spent.get());
            };
            waiting.add(expire);
            emitter.onTermination(() -> {
                waiting.remove(expire);
                Cancellable subscription = upstream.getAndSet(DONE);
                if (subscription != null) {
                    subscription.cancel(); // the caller has gone; a finished call ignores it
                }
            });
            arm();
            Cancellable subscription = call.subscribe().with(emitter::complete, emitter::fail);
            if (!upstream.compareAndSet(null, subscription)) {
                subscription.cancel(); // expired or cancelled while subscribing
            }
        });
    }

    private void arm() {
        synchronized (this) {
            if (over || timerId != NOT_ARMED) {
                return;
            }
            // rounded up, so that a call made after the timer fired finds the deadline passed
            long delayMillis = Math.max(1, (endNanos - System.nanoTime() + 999_999) / 1_000_000);
            timerId = vertx.setTimer(delayMillis, id -> context.runOnContext(ignored -> expire()));
        }
    }

    private void expire() {
        synchronized (this) {
            over = true;
        }
        waiting.forEach(Runnable::run);
    }
}
