package io.releasegraph.support;

import static io.restassured.RestAssured.given;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.awaitility.Awaitility;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The packaged gateway ({@code target/quarkus-app/quarkus-run.jar}) started as its own process, as an operator
 * runs it: configured by environment variables only. Output goes to {@code target/it-logs/<name>.log}.
 */
public final class GatewayProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final String name;
    private final int port;
    private final Process process;
    private String operatorToken;
    private final Path log;
    private final boolean verifiesTestKey;

    private GatewayProcess(String name, int port, Process process, Path log, boolean verifiesTestKey) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.verifiesTestKey = verifiesTestKey;
    }

    /**
     * Environment that makes a process verify callers against the test key, as production verifies against its own:
     * a process given a real upstream (WireMock) refuses to start without a caller key.
     */
    public static Map<String, String> testCallerKey() {
        return Map.of(
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", Path.of("src/test/resources/auth/test-public-key.pem")
                        .toAbsolutePath().toUri().toString(),
                "MP_JWT_VERIFY_ISSUER", TestTokens.TEST_ISSUER);
    }

    /**
     * Starts the jar on a free port with these environment variables on top of a clean environment: store and
     * datasource variables of the calling build (e.g. the CI's PostgreSQL run) are not inherited.
     */
    public static GatewayProcess start(String name, Map<String, String> environment) {
        int port = freePort();
        Path appDir = Path.of(System.getProperty("quarkus.app.dir", "target/quarkus-app"));
        Path jar = appDir.resolve("quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("no packaged gateway at " + jar + "; run ./mvnw verify");
        }
        try {
            Path logs = Files.createDirectories(Path.of("target", "it-logs"));
            Path log = logs.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xmx256m", "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(key -> key.startsWith("GATEWAY_") || key.startsWith("QUARKUS_"));
            env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            env.putAll(environment);
            GatewayProcess gateway = new GatewayProcess(name, port, builder.start(), log,
                    environment.containsKey("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
            gateway.awaitReady();
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Posts {@code graphql/<document>.graphql} to this gateway, as an operator. */
    public ValidatableResponse graphql(String document, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", GraphQLClient.document(document));
        body.put("variables", variables);
        return given().baseUri(url()).contentType(ContentType.JSON).accept(ContentType.JSON)
                .header("Authorization", "Bearer " + operatorToken()).body(body)
                .when().post("/graphql").then();
    }

    /**
     * An operator token this process accepts: signed with the test key when it verifies that key
     * ({@link #testCallerKey}), else the demo token it signs with a key pair it made at start.
     */
    public synchronized String operatorToken() {
        if (operatorToken == null && verifiesTestKey) {
            operatorToken = TestTokens.signedWithTestKey("operator", Duration.ofHours(1));
        }
        if (operatorToken == null) {
            operatorToken = given().baseUri(url()).queryParam("role", "operator").when().get("/sandbox/token")
                    .then().statusCode(200).extract().path("token");
        }
        return operatorToken;
    }

    /** A counter of this gateway's {@code /q/metrics}, as {@link PrometheusMetrics#sum} reads it. */
    public double metric(String name, String... labels) {
        return PrometheusMetrics.sum(given().baseUri(url()), name, labels);
    }

    private void awaitReady() {
        try {
            Awaitility.await(name + " ready").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250))
                    .failFast(name + " exited; see " + log, () -> !process.isAlive())
                    // RestAssured throws ConnectException unchecked until the port listens
                    .ignoreExceptionsMatching(failure -> !(failure instanceof org.awaitility.core.TerminalFailureException))
                    .until(() -> given().baseUri(url()).when().get("/q/health/ready").statusCode() == 200);
        } catch (RuntimeException notReady) {
            close();
            throw new IllegalStateException(name + " was not ready within " + START_TIMEOUT + "; see " + log, notReady);
        }
    }

    /** Kills the process as {@code kill -9} does: no shutdown hook, no answer to requests in flight. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the process the way an orchestrator does (SIGTERM), and waits for it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
