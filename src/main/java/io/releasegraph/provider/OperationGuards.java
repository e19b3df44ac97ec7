package io.releasegraph.provider;

import java.util.Map;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/** The guards of one client's operations, by operation name (see {@link UpstreamGuards#of}). */
public final class OperationGuards {

    private final String upstream;
    private final Map<String, UpstreamGuard> byOperation;

    OperationGuards(String upstream, Map<String, UpstreamGuard> byOperation) {
        this.upstream = upstream;
        this.byOperation = Map.copyOf(byOperation);
    }

    /** Runs the call under the operation's guard; a retry calls the supplier again for a fresh {@code Uni}. */
    public <T> Uni<T> call(String operation, Supplier<Uni<T>> call) {
        UpstreamGuard guard = byOperation.get(operation);
        if (guard == null) {
            // A programming error: every guarded operation is declared when the client is built.
            throw new IllegalStateException("No guard for " + upstream + "-" + operation);
        }
        return guard.call(call);
    }
}
