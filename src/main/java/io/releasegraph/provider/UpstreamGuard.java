package io.releasegraph.provider;

import java.util.function.Supplier;

import jakarta.enterprise.util.TypeLiteral;

import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;

/** The guard of one upstream operation (see {@link UpstreamGuards}): its own timeout, breaker and retries. */
final class UpstreamGuard {

    // One literal for every call: SmallRye only looks at the raw type (Uni) to guard the asynchronous result.
    private static final TypeLiteral<Uni<Object>> UNI = new TypeLiteral<>() {
    };

    private final Guard guard;

    UpstreamGuard(Guard guard) {
        this.guard = guard;
    }

    /** Runs the call under the guard; a retry calls the supplier again. */
    @SuppressWarnings("unchecked")
    <T> Uni<T> call(Supplier<Uni<T>> call) {
        Supplier<Uni<Object>> untyped = (Supplier<Uni<Object>>) (Supplier<?>) call;
        return (Uni<T>) (Uni<?>) guard.get(untyped, UNI);
    }
}
