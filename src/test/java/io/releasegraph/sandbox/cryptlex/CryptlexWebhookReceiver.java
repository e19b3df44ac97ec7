package io.releasegraph.sandbox.cryptlex;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A WireMock server on a free port standing in for the receiver of the sandbox's webhooks. */
public class CryptlexWebhookReceiver implements QuarkusTestResourceLifecycleManager {

    static final String PATH = "/hooks/cryptlex";
    static final String SECRET = "test-webhook-secret";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        server.stubFor(post(PATH).willReturn(ok()));
        return Map.of(
                "gateway.sandbox.cryptlex.webhook.url", server.baseUrl() + PATH,
                "gateway.sandbox.cryptlex.webhook.secret", SECRET);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server, new TestInjector.MatchesType(WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
