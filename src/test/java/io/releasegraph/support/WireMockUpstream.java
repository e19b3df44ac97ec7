package io.releasegraph.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A WireMock server standing in for one upstream, on a dynamic port. Its URL reaches the gateway only through
 * {@code quarkus.rest-client.<upstream>.url}, as a real deployment's would.
 */
public abstract class WireMockUpstream implements QuarkusTestResourceLifecycleManager {

    private WireMockServer server;

    /** The REST client config key: {@code trifacta}, {@code cryptlex} or {@code launchdarkly}. */
    protected abstract String upstream();

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return Map.of("quarkus.rest-client." + upstream() + ".url", server.baseUrl());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, field -> field.getType() == WireMockServer.class
                && field.isAnnotationPresent(InjectWireMock.class)
                && (field.getAnnotation(InjectWireMock.class).value().isEmpty()
                        || field.getAnnotation(InjectWireMock.class).value().equals(upstream())));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
