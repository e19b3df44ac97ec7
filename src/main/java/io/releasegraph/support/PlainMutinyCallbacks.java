package io.releasegraph.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Turns off MicroProfile Context Propagation for Mutiny callbacks. With it, every callback handed to a Mutiny
 * operator ({@code map}, {@code invoke}, {@code chain}, ...) captures and restores the CDI request, JTA, tracing and
 * GraphQL thread contexts; a cached query runs a few hundred such callbacks, and the captures were an eighth of its
 * CPU.
 *
 * <p>Nothing here needs them: per-request state lives in the request's Vert.x duplicated context, which Mutiny
 * pipelines on the event loop keep ({@code cache.CacheRequest}, tracing); resolver methods are called with the CDI
 * request context active, and read what they need from it (the caller's identity) before they return their
 * {@code Uni}; work on worker threads goes through Quarkus' worker pool, whose executor still propagates contexts;
 * cache transactions are opened on the worker itself.
 */
@ApplicationScoped
public class PlainMutinyCallbacks {

    void clear(@Observes @jakarta.annotation.Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent started) {
        Infrastructure.clearInterceptors();
        Log.debug("Mutiny callbacks run without MicroProfile Context Propagation");
    }
}
