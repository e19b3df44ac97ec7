package io.releasegraph.support;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** Runs blocking work (JDBC, Hibernate) on the worker pool, never on the event loop. */
public final class Blocking {

    private Blocking() {
    }

    public static <T> Uni<T> supply(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    public static Uni<Void> run(Runnable work) {
        return supply(() -> {
            work.run();
            return null;
        });
    }
}
