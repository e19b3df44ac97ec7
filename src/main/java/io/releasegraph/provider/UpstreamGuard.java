package io.releasegraph.provider;

import java.util.concurrent.CancellationException;
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

    /**
     * Runs the call under the guard; a retry calls the supplier again. The guard runs its attempts on a
     * CompletionStage that a cancelled subscriber does not stop: without the check below, a caller that has gone (a
     * fan-out failing fast, an answer already sent) would still get its retries made, after its backoff, in the
     * middle of some later request. The attempt under way is left to finish; no new one starts.
     */
    @SuppressWarnings("unchecked")
    <T> Uni<T> call(Supplier<Uni<T>> call) {
        Supplier<Uni<Object>> untyped = (Supplier<Uni<Object>>) (Supplier<?>) call;
        return Uni.createFrom().deferred(() -> {
            Subscription subscription = new Subscription();
            Supplier<Uni<Object>> attempt = () -> subscription.gone ? Uni.createFrom().failure(
                    new CancellationException("the caller has gone; no retry")) : untyped.get();
            return (Uni<T>) (Uni<?>) guard.get(attempt, UNI).onCancellation().invoke(() -> subscription.gone = true);
        });
    }

    /** One subscriber's run of the guarded call. */
    private static final class Subscription {
        volatile boolean gone;
    }
}
