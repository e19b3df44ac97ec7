package io.releasegraph.provider;

import java.lang.reflect.Method;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.micrometer.core.instrument.Metrics;

/**
 * Counts every call the gateway makes to an upstream as {@code releasegraph_upstream_calls_total{upstream, operation}}:
 * the REST client's config key and the interface method (e.g. {@code trifacta}, {@code getDeployment}). Never a URL,
 * an ID or a header: labels must stay few and free of credentials.
 */
@Provider
public class UpstreamCallMetrics implements ClientRequestFilter {

    static final String INVOKED_METHOD = "org.eclipse.microprofile.rest.client.invokedMethod";

    @Override
    public void filter(ClientRequestContext request) {
        String upstream = "unknown";
        String operation = request.getMethod();
        if (request.getProperty(INVOKED_METHOD) instanceof Method method) {
            operation = method.getName();
            RegisterRestClient client = method.getDeclaringClass().getAnnotation(RegisterRestClient.class);
            if (client != null && !client.configKey().isEmpty()) {
                upstream = client.configKey();
            }
        }
        Metrics.counter("releasegraph.upstream.calls", "upstream", upstream, "operation", operation).increment();
    }
}
