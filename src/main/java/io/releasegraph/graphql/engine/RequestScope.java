package io.releasegraph.graphql.engine;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;

/**
 * The CDI request context of one GraphQL request, as SmallRye's handler keeps it: set up once (caller identity,
 * current HTTP request), active while a resolver method is called, destroyed when the response is written.
 * Continuations of a resolver's {@code Uni} get it back through context propagation, as under SmallRye.
 */
final class RequestScope {

    private final ManagedContext context = Arc.container().requestContext();
    private final InjectableContext.ContextState state;
    private boolean activatedHere;

    RequestScope(Runnable setUp) {
        boolean active = context.isActive();
        if (!active) {
            context.activate();
        }
        setUp.run();
        state = context.getState();
        if (!active) {
            context.deactivate();
        }
    }

    void activate() {
        if (!context.isActive()) {
            context.activate(state);
            activatedHere = true;
        }
    }

    void deactivate() {
        if (activatedHere) {
            activatedHere = false;
            context.deactivate();
        }
    }

    void terminate() {
        if (!context.isActive()) {
            context.activate(state);
        }
        context.terminate();
    }
}
