package io.releasegraph.observability;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.client.impl.RestClientRequestContext;
import org.jboss.resteasy.reactive.client.spi.ResteasyReactiveClientRequestContext;
import org.jboss.resteasy.reactive.client.spi.ResteasyReactiveClientRequestFilter;
import org.jboss.resteasy.reactive.common.jaxrs.ResponseImpl;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.releasegraph.health.UpstreamActivity;

/**
 * Times every call a REST client makes to an upstream and remembers how it ended, for the latency histogram
 * {@code releasegraph_upstream_requests_seconds} and for readiness. Registered globally, so every upstream's
 * client is covered, including ones added later. Labels: the client's config key ({@code upstream}), the Java
 * method name ({@code operation}, e.g. {@code getDeployment}) and the HTTP status, never ids or credentials.
 */
@Provider
public class UpstreamCallObserver implements ResteasyReactiveClientRequestFilter {

    static final String METER = "releasegraph.upstream.requests";

    /** A few buckets from fast cache-like answers to the read timeout, so each series stays small. */
    private static final Duration[] BUCKETS = { Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10) };

    private final MeterRegistry registry;
    private final UpstreamActivity activity;
    private final Map<Class<?>, Optional<String>> upstreams = new ConcurrentHashMap<>();

    UpstreamCallObserver(MeterRegistry registry, UpstreamActivity activity) {
        this.registry = registry;
        this.activity = activity;
    }

    @Override
    public void filter(ResteasyReactiveClientRequestContext request) {
        RestClientRequestContext context = request.unwrap(RestClientRequestContext.class);
        Method method = context == null ? null : context.getInvokedMethod();
        if (method == null) {
            return;
        }
        Optional<String> upstream = upstreams.computeIfAbsent(method.getDeclaringClass(),
                client -> Optional.ofNullable(client.getAnnotation(RegisterRestClient.class))
                        .map(RegisterRestClient::configKey).filter(key -> !key.isBlank()));
        if (upstream.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        // The result completes after the answer is read or the call failed, so failures without a response count too.
        context.getResult().whenComplete((response, failure) -> {
            String status = status(context, response, failure);
            Timer.builder(METER)
                    .description("Calls to upstream APIs, by upstream, operation and HTTP status")
                    .tags("upstream", upstream.get(), "operation", method.getName(), "status", status)
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            activity.record(upstream.get(), status);
        });
    }

    /** The HTTP status, or what kind of failure prevented one. */
    static String status(RestClientRequestContext context, ResponseImpl response, Throwable failure) {
        if (response != null) {
            return Integer.toString(response.getStatus());
        }
        if (context.getResponseStatus() > 0) {
            return Integer.toString(context.getResponseStatus());
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CancellationException) {
                return "CANCELLED";
            }
            if (cause instanceof java.util.concurrent.TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
                return "TIMEOUT";
            }
        }
        return "IO_ERROR";
    }
}
