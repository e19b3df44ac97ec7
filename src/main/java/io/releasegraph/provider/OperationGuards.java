package io.releasegraph.provider;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.releasegraph.error.UpstreamTimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** The guards of one client's operations, by operation name (see {@link UpstreamGuards#of}). */
public final class OperationGuards {

    private final String upstream;
    private final String displayName;
    private final Map<String, UpstreamGuard> byOperation;

    OperationGuards(String upstream, String displayName, Map<String, UpstreamGuard> byOperation) {
        this.upstream = upstream;
        this.displayName = displayName;
        this.byOperation = Map.copyOf(byOperation);
    }

    /**
     * Runs the call under the operation's guard; a retry calls the supplier again for a fresh {@code Uni}. Within a
     * GraphQL request the call also ends at the request's deadline ({@link RequestDeadline}) with
     * {@code UPSTREAM_TIMEOUT}, whatever retries or operation timeout remain: outside the guard, so the breaker does
     * not count the request's own limit against the upstream.
     */
    public <T> Uni<T> call(String operation, Supplier<Uni<T>> call) {
        UpstreamGuard guard = byOperation.get(operation);
        if (guard == null) {
            // A programming error: every guarded operation is declared when the client is built.
            throw new IllegalStateException("No guard for " + upstream + "-" + operation);
        }
        Optional<Long> deadline = RequestDeadline.current();
        if (deadline.isEmpty()) {
            return guard.call(call);
        }
        Context context = Vertx.currentContext();
        Uni<T> guarded = guard.call(call);
        return Uni.createFrom().deferred(() -> {
            Duration left = Duration.ofNanos(deadline.get() - System.nanoTime());
            if (left.isNegative() || left.isZero()) {
                return Uni.createFrom().failure(budgetSpent().getCause());
            }
            return guarded.ifNoItem().after(left).failWith(this::budgetSpent)
                    // the timer fires on Mutiny's pool: the failure goes on on the request's own context
                    .onFailure(BudgetSpent.class).recoverWithUni(spent -> Uni.createFrom().<T> failure(spent.getCause())
                            .emitOn(onContext(context)));
        });
    }

    private BudgetSpent budgetSpent() {
        return new BudgetSpent(new UpstreamTimeoutException(displayName
                + " did not answer within the request's time budget.", upstream, null, null));
    }

    private static Executor onContext(Context context) {
        return context == null ? Runnable::run : command -> context.runOnContext(ignored -> command.run());
    }

    /** Marks the budget's own timeout until it is back on the request's context. */
    private static final class BudgetSpent extends RuntimeException {
        BudgetSpent(UpstreamTimeoutException timeout) {
            super(timeout.getMessage(), timeout, false, false);
        }
    }
}
