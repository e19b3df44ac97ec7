package io.releasegraph.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The vendors' error bodies, in the shapes their documents give, read into code and message. */
class UpstreamErrorBodyTest {

    @Test
    void readsLaunchDarklysErrorRepFromItsOpenApiExample() {
        // ForbiddenErrorRep example, launchdarkly-releases-openapi.yaml
        UpstreamErrorBody body = UpstreamErrorBody.parse(
                "{\"code\":\"forbidden\",\"message\":\"Forbidden. Access to the requested resource was denied.\"}")
                .orElseThrow();
        assertThat(body.code()).isEqualTo("forbidden");
        assertThat(body.message()).isEqualTo("Forbidden. Access to the requested resource was denied.");
        assertThat(body.exceptionEnvelope()).isFalse();
    }

    @Test
    void readsCryptlexsMessageAndCode() {
        UpstreamErrorBody body = UpstreamErrorBody.parse("{\"message\":\"Duplicate name.\",\"code\":\"DUPLICATE_FIELD_VALUE\"}")
                .orElseThrow();
        assertThat(body.code()).isEqualTo("DUPLICATE_FIELD_VALUE");
        assertThat(body.message()).isEqualTo("Duplicate name.");
    }

    @Test
    void readsTrifactasExceptionEnvelope() {
        UpstreamErrorBody body = UpstreamErrorBody.parse(
                "{\"exception\":{\"name\":\"ValidationFailed\",\"message\":\"Input validation failed\",\"details\":\"x\"}}")
                .orElseThrow();
        assertThat(body.code()).isEqualTo("ValidationFailed");
        assertThat(body.message()).isEqualTo("Input validation failed");
        assertThat(body.exceptionEnvelope()).isTrue();
    }

    @Test
    void trimsTo500CharactersAndRedactsCredentials() {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
        UpstreamErrorBody body = UpstreamErrorBody.parse("{\"code\":\"unauthorized\",\"message\":\"token Bearer "
                + "abcdefgh12345678 or " + jwt + " rejected " + "x".repeat(1000) + "\"}").orElseThrow();
        assertThat(body.message()).hasSize(UpstreamErrorBody.MAX_LENGTH).doesNotContain("abcdefgh12345678")
                .doesNotContain(jwt).contains("[redacted]");
    }

    @Test
    void anythingElseIsNoVendorAnswer() {
        assertThat(UpstreamErrorBody.parse("<html>Not Found</html>")).isEmpty();
        assertThat(UpstreamErrorBody.parse("{}")).isEmpty();
        assertThat(UpstreamErrorBody.parse("[1]")).isEmpty();
        assertThat(UpstreamErrorBody.parse(null)).isEmpty();
    }
}
