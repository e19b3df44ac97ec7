package io.releasegraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.support.TestTokens;

/**
 * The GraphQL-over-HTTP audit that clients' authors use, graphql-http's {@code serverAudits} (pinned in
 * {@code src/test/audit/package-lock.json}, installed by {@code .ci/run} with {@code npm ci}), run by Node.js against
 * this test's gateway on each engine: no MUST failure and no SHOULD warning. MAY items are reported, not required.
 * Without the installed audit the test is skipped locally and fails on CI ({@code CI=true}).
 */
@QuarkusTest
class GraphQLHttpAuditTest {

    private static final Path AUDIT = Path.of("src", "test", "audit");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/graphql")
    String graphqlUrl;

    @ParameterizedTest
    @ValueSource(strings = { "compiled", "smallrye" })
    void graphqlHttpServerAuditHasNoFailureAndNoWarning(String engine) throws IOException, InterruptedException {
        boolean installed = Files.isDirectory(AUDIT.resolve("node_modules/graphql-http"));
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI must run the audit: npm ci --prefix src/test/audit");
        }
        Assumptions.assumeTrue(installed, "the audit is not installed (npm ci --prefix src/test/audit)");

        Process node = new ProcessBuilder("node", "audit.mjs", graphqlUrl, TestTokens.viewer(), engine)
                .directory(AUDIT.toFile()).redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("the audit finished").isTrue();
        assertThat(node.exitValue()).as("the audit ran: %s", output).isZero();

        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int audits = 0;
        for (String line : output.split("\n")) {
            if (!line.startsWith("{")) {
                continue;
            }
            JsonNode result = JSON.readTree(line);
            audits++;
            String named = result.path("id").asText() + " " + result.path("name").asText() + ": "
                    + result.path("reason").asText() + " " + result.path("response");
            switch (result.path("status").asText()) {
                case "error" -> failures.add(named);
                case "warn" -> warnings.add(named);
                default -> {
                }
            }
        }
        assertThat(audits).as("audits reported").isGreaterThan(50);
        assertThat(failures).as("MUST failures on the %s engine", engine).isEmpty();
        assertThat(warnings).as("SHOULD warnings on the %s engine", engine).isEmpty();
    }
}
