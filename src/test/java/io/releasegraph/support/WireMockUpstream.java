package io.releasegraph.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A WireMock server standing in for one upstream, on a dynamic port. Its URL reaches the gateway only through
 * {@code quarkus.rest-client.<upstream>.url}, as a real deployment's would, so callers are verified against the test
 * key ({@link TestTokens#KEY_CONFIG}) as a real deployment's are against its own.
 */
public abstract class WireMockUpstream implements QuarkusTestResourceLifecycleManager {

    private WireMockServer server;

    /** The REST client config key: {@code trifacta}, {@code cryptlex} or {@code launchdarkly}. */
    protected abstract String upstream();

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        // A real upstream to the gateway: it verifies callers against the test key (TestTokens signs with it), and
        // the other upstreams stay on their sandboxes only because the sandbox is switched on, as an operator would.
        return TestTokens.withTestKey("quarkus.rest-client." + upstream() + ".url", server.baseUrl(),
                "gateway.sandbox.enabled", "true");
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
