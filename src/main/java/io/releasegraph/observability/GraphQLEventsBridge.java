package io.releasegraph.observability;

import java.util.List;
import java.util.Optional;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.InstanceHandle;
import io.releasegraph.cache.CacheRequests;
import io.releasegraph.graphql.engine.ResponseCacheRoute;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.spi.EventingService;

/**
 * SmallRye finds its event listeners with {@link java.util.ServiceLoader} and keeps them for the life of the JVM,
 * across application restarts (test profiles). This listener holds no state: on each call it looks up the
 * running application's {@link GraphQLMetrics} bean by name and through SmallRye's interface, never by our class,
 * which a restarted application loads anew.
 */
public class GraphQLEventsBridge implements EventingService {

    @Override
    public String getConfigKey() {
        return null;
    }

    /**
     * The application's listeners, by bean name: metrics first, then the cache's stale warnings, then the response
     * cache, which takes the body as it will be written (warnings included).
     */
    private static final List<String> LISTENERS = List.of(GraphQLMetrics.BEAN_NAME, CacheRequests.BEAN_NAME,
            ResponseCacheRoute.BEAN_NAME);

    @Override
    public void beforeExecute(Context context) {
        delegate(GraphQLMetrics.BEAN_NAME).ifPresent(metrics -> metrics.beforeExecute(context));
    }

    @Override
    public void afterExecute(Context context) {
        LISTENERS.forEach(name -> delegate(name).ifPresent(listener -> listener.afterExecute(context)));
    }

    private static Optional<EventingService> delegate(String beanName) {
        ArcContainer container = Arc.container();
        if (container == null || !container.isRunning()) {
            return Optional.empty();
        }
        InstanceHandle<Object> handle = container.instance(beanName);
        return handle.isAvailable() && handle.get() instanceof EventingService listener ? Optional.of(listener)
                : Optional.empty();
    }
}
