package io.releasegraph.support;

import java.util.List;
import java.util.ServiceLoader;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.context.DefaultContextPropagationInterceptor;
import io.smallrye.mutiny.infrastructure.CallbackDecorator;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Turns off MicroProfile Context Propagation for Mutiny callbacks, and nothing else. With it, every callback handed
 * to a Mutiny operator ({@code map}, {@code invoke}, {@code chain}, ...) captures and restores the CDI request, JTA,
 * tracing and GraphQL thread contexts; a cached query runs a few hundred such callbacks, and the captures were an
 * eighth of its CPU.
 *
 * <p>Nothing here needs them: per-request state lives in the request's Vert.x duplicated context, which Mutiny
 * pipelines on the event loop keep ({@code cache.CacheRequest}, tracing); resolver methods are called with the CDI
 * request context active, and read what they need from it (the caller's identity) before they return their
 * {@code Uni}; work on worker threads goes through Quarkus' worker pool, whose executor still propagates contexts;
 * cache transactions are opened on the worker itself.
 *
 * <p>Mutiny offers no way to remove one callback decorator, only to clear them all. So the decorators are dropped
 * only when context propagation's is the only one registered; Uni and Multi interceptors are reloaded as they were.
 * Any other decorator (a library's, a future one) keeps them all, and the start-up log says so.
 */
@ApplicationScoped
public class PlainMutinyCallbacks {

    void dropContextPropagation(
            @Observes @jakarta.annotation.Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent started) {
        List<Class<?>> others = otherCallbackDecorators(registeredCallbackDecorators());
        if (!others.isEmpty()) {
            Log.infof("Mutiny callbacks keep context propagation: other callback decorators are registered (%s)",
                    others);
            return;
        }
        Infrastructure.clearInterceptors();
        Infrastructure.reloadUniInterceptors();
        Infrastructure.reloadMultiInterceptors();
        Log.debug("Mutiny callbacks run without MicroProfile Context Propagation");
    }

    static List<Class<?>> registeredCallbackDecorators() {
        return ServiceLoader.load(CallbackDecorator.class).stream().<Class<?>>map(ServiceLoader.Provider::type)
                .toList();
    }

    /** The decorators besides context propagation's, which clearing would silently switch off. */
    static List<Class<?>> otherCallbackDecorators(List<Class<?>> registered) {
        return registered.stream().filter(type -> type != DefaultContextPropagationInterceptor.class).toList();
    }
}
