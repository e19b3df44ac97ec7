package io.releasegraph.provider;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.releasegraph.domain.ReleaseSource;
import io.quarkus.runtime.StartupEvent;
import io.releasegraph.error.UpstreamFault;
import io.smallrye.faulttolerance.api.Guard;

/**
 * Builds the one SmallRye Fault Tolerance guard of each upstream operation, so the clients share one set-up: a
 * timeout and a circuit breaker named {@code <upstream>-<operation>} on every call, and for reads jittered
 * exponential retries. Only an unhealthy upstream ({@link UpstreamFault}, a timeout) counts and is retried; a 404,
 * a 4xx, a 429 or rejected credentials never do. Writes are never retried: a failed one may have been applied.
 */
@ApplicationScoped
public class UpstreamGuards {

    private static final List<Class<? extends Throwable>> UNHEALTHY = List.of(UpstreamFault.class,
            TimeoutException.class);

    private final UpstreamGuardConfig config;
    private final Set<String> names = ConcurrentHashMap.newKeySet();

    UpstreamGuards(UpstreamGuardConfig config) {
        this.config = config;
    }

    /**
     * The guards of one client: reads get a timeout, a breaker and retries; writes a timeout and a breaker only.
     * Built once per client, since a breaker name may be registered only once.
     */
    public OperationGuards of(ReleaseSource upstream, List<String> reads, List<String> writes) {
        Map<String, UpstreamGuard> guards = new HashMap<>();
        reads.forEach(operation -> guards.put(operation, build(upstream.key() + "-" + operation, true)));
        writes.forEach(operation -> guards.put(operation, build(upstream.key() + "-" + operation, false)));
        return new OperationGuards(upstream.key(), upstream.displayName(), guards);
    }

    /**
     * Refuses to start when an upstream's REST client read timeout is shorter than one of its operations' timeouts:
     * the client would cut the call first and the operation's own timeout (say importRelease's 60 s) would never apply.
     */
    void checkReadTimeouts(@Observes StartupEvent started) {
        for (ReleaseSource upstream : ReleaseSource.values()) {
            String key = "quarkus.rest-client." + upstream.key() + ".read-timeout";
            readTimeoutProblem(config, upstream, ConfigProvider.getConfig().getOptionalValue(key, Long.class))
                    .ifPresent(problem -> {
                        throw new IllegalStateException(key + " " + problem);
                    });
        }
    }

    /** Why an upstream's read timeout (ms) would cut one of its operations short, if it would. */
    static Optional<String> readTimeoutProblem(UpstreamGuardConfig config, ReleaseSource upstream,
            Optional<Long> readTimeout) {
        Duration longest = config.operation().keySet().stream()
                .filter(operation -> operation.startsWith(upstream.key() + "-"))
                .map(config::timeout)
                .reduce(config.timeout(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        return readTimeout.filter(millis -> millis < longest.toMillis())
                .map(millis -> "(" + millis + " ms) is shorter than the longest " + upstream.displayName()
                        + " operation timeout (" + longest + "): raise it so that each operation's own timeout "
                        + "(gateway.fault-tolerance.*) decides");
    }

    /** The breakers built so far, by name (readiness reports them). */
    public Set<String> names() {
        return Set.copyOf(names);
    }

    private UpstreamGuard build(String name, boolean retried) {
        UpstreamGuardConfig.CircuitBreaker breaker = config.circuitBreaker();
        Guard.Builder builder = Guard.create()
                .withDescription(name)
                .withTimeout().duration(config.timeout(name).toMillis(), ChronoUnit.MILLIS).done()
                .withCircuitBreaker()
                .name(name)
                .failOn(UNHEALTHY)
                .requestVolumeThreshold(breaker.requestVolumeThreshold())
                .failureRatio(breaker.failureRatio())
                .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(breaker.successThreshold())
                .done();
        if (retried) {
            UpstreamGuardConfig.Retry retry = config.retry();
            builder.withRetry()
                    .retryOn(UNHEALTHY)
                    .maxRetries(retry.maxRetries())
                    .delay(retry.delay().toMillis(), ChronoUnit.MILLIS)
                    .jitter(retry.jitter().toMillis(), ChronoUnit.MILLIS)
                    .withExponentialBackoff().maxDelay(retry.maxDelay().toMillis(), ChronoUnit.MILLIS).done()
                    .done();
        }
        Guard guard = builder.build();
        names.add(name);
        return new UpstreamGuard(guard);
    }
}
