package io.releasegraph.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.TestTokens;

/**
 * With DEBUG logging, the token verifiers log what they failed to parse; what the log handler writes (the test
 * profile's log file) holds no Authorization value in any form.
 */
@QuarkusTest
class LogRedactionTest {

    private static final Path LOG = Path.of("target", "quarkus-test.log");
    private static final List<String> VERBOSE = List.of("io.quarkus.smallrye.jwt", "io.smallrye.jwt",
            "io.quarkus.security", "io.quarkus.vertx.http.runtime.security", "org.jose4j");

    @BeforeEach
    void debug() {
        VERBOSE.forEach(name -> Logger.getLogger(name).setLevel(Level.FINEST));
    }

    @AfterEach
    void quiet() {
        VERBOSE.forEach(name -> Logger.getLogger(name).setLevel(null));
    }

    @Test
    void noFormOfAnAuthorizationValueReachesTheLog() throws IOException {
        String jwt = TestTokens.operator();
        String signature = jwt.substring(jwt.lastIndexOf('.') + 1);
        String basic = Base64.getEncoder().encodeToString("someone:hunter2-secret".getBytes(StandardCharsets.UTF_8));
        long before = Files.exists(LOG) ? Files.size(LOG) : 0;

        for (String authorization : List.of("Bearer Bearer " + jwt, "bearer  " + jwt + " extra", jwt,
                "Basic " + basic, "Token " + jwt)) {
            GraphQLClient.post("deployments", Map.of("first", 1), Map.of("Authorization", authorization))
                    .statusCode(401);
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(written(before)).contains(CredentialRedaction.REDACTED));
        String written = written(before);
        assertThat(written).doesNotContain(signature).doesNotContain(jwt.substring(0, jwt.lastIndexOf('.')))
                .doesNotContain(basic);
    }

    @Test
    void redactsEveryShapeOfCredential() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
        for (String text : List.of("Authorization: Bearer Bearer " + jwt, "{\"Authorization\": \"" + jwt + "\"}",
                "headers=[Authorization=Basic dXNlcjpwYXNzd29yZA==]", "Unable to process JOSE object: Bearer " + jwt,
                "token " + jwt, "Bearer   bearer abcdefghijklmnop")) {
            String clean = CredentialRedaction.redact(text);
            assertThat(clean).contains(CredentialRedaction.REDACTED).doesNotContain(jwt)
                    .doesNotContain("c2lnbmF0dXJl").doesNotContain("dXNlcjpwYXNzd29yZA").doesNotContain("abcdefghijklmnop");
        }
        assertThat(CredentialRedaction.redact("Send a bearer token: Authorization header missing"))
                .isEqualTo("Send a bearer token: Authorization header missing");
    }

    private static String written(long from) throws IOException {
        byte[] all = Files.readAllBytes(LOG);
        return new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
                StandardCharsets.UTF_8);
    }
}
