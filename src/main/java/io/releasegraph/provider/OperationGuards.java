package io.releasegraph.provider;

import java.util.Map;
import java.util.function.Supplier;

import io.releasegraph.error.UpstreamTimeoutException;
import io.smallrye.mutiny.Uni;

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
        Uni<T> guarded = guard.call(call);
        return RequestDeadline.withinBudget(guarded, this::budgetSpent);
    }

    private UpstreamTimeoutException budgetSpent() {
        return new UpstreamTimeoutException(displayName + " did not answer within the request's time budget.",
                upstream, null, null);
    }
}
