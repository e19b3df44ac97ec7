package io.releasegraph.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The settings the tracing, probe and metric-limit tests need, in one application start: the OpenTelemetry SDK
 * on (spans to {@link InMemorySpans}, no OTLP export), readiness always probing instead of trusting recent calls,
 * LaunchDarkly pointed at a closed port (so callers carry test-key tokens), and a budget of two GraphQL operation
 * names.
 */
public class OperationsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        // LaunchDarkly is a real (closed) upstream: callers are verified against the test key, and the sandbox stays
        // on for the other two only because it is switched on.
        return TestTokens.withTestKey("gateway.sandbox.enabled", "true",
                "quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.enabled", "false",
                "quarkus.otel.bsp.schedule.delay", "PT0.05S",
                "gateway.health.recent-call-window", "PT0S",
                "gateway.health.probe-interval", "PT1H",
                "quarkus.rest-client.launchdarkly.url", "http://127.0.0.1:" + closedPort() + "/",
                "gateway.metrics.graphql.max-operation-names", "2");
    }

    /** A port nothing listens on: bound once by the OS, then released. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
