package io.releasegraph.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.releasegraph.graphql.guard.GraphQLRequestGuard;
import io.vertx.ext.web.Router;

/**
 * Tests only: a {@code POST /graphql} carrying {@link #HEADER} fails with an unexpected exception after the guard
 * read and checked it, in front of both engines, as a bug in the gateway would.
 */
@ApplicationScoped
public class FaultInjectionRoute {

    public static final String HEADER = "X-Test-Unexpected-Fault";

    void register(@Observes Router router) {
        router.post("/graphql").order(GraphQLRequestGuard.ANSWER_ORDER).handler(ctx -> {
            if (ctx.request().getHeader(HEADER) != null) {
                throw new IllegalStateException("injected fault for a test");
            }
            ctx.next();
        });
    }
}
