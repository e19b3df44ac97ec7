package io.releasegraph.health;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

import io.releasegraph.provider.UpstreamGuards;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * The circuit breakers guarding each upstream, found by the naming rule {@code <upstream>-<operation>}: those the
 * clients' guards built ({@link UpstreamGuards}) and any {@code @CircuitBreakerName} on the application's beans, so a
 * breaker added to a client shows up in readiness without touching this class.
 */
@ApplicationScoped
public class CircuitBreakers {

    private static final String APPLICATION_PACKAGE = "io.releasegraph.";

    private final CircuitBreakerMaintenance maintenance;
    private final UpstreamGuards guards;
    private final List<String> names;

    CircuitBreakers(CircuitBreakerMaintenance maintenance, UpstreamGuards guards, BeanManager beans) {
        this.maintenance = maintenance;
        this.guards = guards;
        TreeSet<String> found = new TreeSet<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            if (!type.getName().startsWith(APPLICATION_PACKAGE)) {
                continue;
            }
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Method method : c.getDeclaredMethods()) {
                    CircuitBreakerName name = method.getAnnotation(CircuitBreakerName.class);
                    if (name != null) {
                        found.add(name.value());
                    }
                }
            }
        }
        this.names = List.copyOf(found);
    }

    /** Each breaker of the upstream with its current state, by name. */
    public Map<String, CircuitBreakerState> of(String upstream) {
        Map<String, CircuitBreakerState> states = new LinkedHashMap<>();
        // Guards are built with their client, so ask each time rather than once at start.
        SortedSet<String> all = new TreeSet<>(names);
        all.addAll(guards.names());
        for (String name : all) {
            if (name.startsWith(upstream + "-")) {
                try {
                    states.put(name, maintenance.currentState(name));
                } catch (IllegalArgumentException unknown) {
                    // Declared but never initialised by SmallRye: nothing to report yet.
                }
            }
        }
        return states;
    }
}
