package io.releasegraph.graphql;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.support.CryptlexWireMock;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.InjectWireMock;

/**
 * {@code updateProductRelease} and {@code publishProductRelease} refuse before calling Cryptlex only what seed 003
 * states (version format, lengths): one test per rule, each naming the field and proving that Cryptlex got no
 * request. Everything else goes to Cryptlex, whose answer decides, with its words in {@code extensions}.
 */
@QuarkusTest
@WithTestResource(CryptlexWireMock.class)
class ProductReleaseValidationTest {

    private static final String ID = Ids.productRelease("r1");

    @InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
    }

    @Test
    void refusesAVersionWithFiveParts() {
        assertRefused(Map.of("version", "1.2.3.4.5"), "version");
    }

    @Test
    void refusesAVersionWithLetters() {
        assertRefused(Map.of("version", "2.5.1-beta"), "version");
    }

    @Test
    void refusesAVersionWithOnePart() {
        assertRefused(Map.of("version", "2"), "version");
    }

    @Test
    void refusesAnEmptyName() {
        assertRefused(Map.of("name", ""), "name");
    }

    @Test
    void refusesANameOver256Characters() {
        assertRefused(Map.of("name", "n".repeat(257)), "name");
    }

    @Test
    void refusesAnEmptyChannel() {
        assertRefused(Map.of("channel", ""), "channel");
    }

    @Test
    void refusesAChannelOver256Characters() {
        assertRefused(Map.of("channel", "c".repeat(257)), "channel");
    }

    @Test
    void refusesNotesOver4096Characters() {
        assertRefused(Map.of("notes", "x".repeat(4097)), "notes");
    }

    @Test
    void sendsABlankPlatformToCryptlexWhoseRefusalIsValidationWithItsWords_seed003StatesNoSuchRule() {
        wireMock.stubFor(patch(urlPathEqualTo("/v3/releases/r1")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"platforms[1] is not allowed to be empty\",\"code\":\"VALIDATION_ERROR\"}")));

        GraphQLClient.post("updateProductRelease", Map.of("id", ID, "input", Map.of("platforms", List.of("windows", " "))))
                .statusCode(200)
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.upstreamCode", equalTo("VALIDATION_ERROR"))
                .body("errors[0].extensions.upstreamMessage", equalTo("platforms[1] is not allowed to be empty"));
        wireMock.verify(1, patchRequestedFor(urlPathEqualTo("/v3/releases/r1"))
                .withRequestBody(equalToJson("{\"platforms\":[\"windows\",\" \"]}")));
    }

    @Test
    void refusesANullPlatform() {
        assertRefused(Map.of("platforms", Arrays.asList("windows", null)), "platforms");
    }

    @Test
    void refusesAnInputThatChangesNothing() {
        assertRefused(Map.of(), "input");
    }

    @Test
    void refusesAnIdOfAnotherType() {
        GraphQLClient.post("updateProductRelease", Map.of("id", Ids.deploymentRelease(3), "input", Map.of("name", "x")))
                .statusCode(200)
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.field", equalTo("id"));
        GraphQLClient.post("publishProductRelease", Map.of("id", "not-an-id")).statusCode(200)
                .body("errors[0].extensions.field", equalTo("id"));
        wireMock.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void acceptsTheLimitsThemselves() {
        wireMock.stubFor(get(urlPathEqualTo("/v3/releases/r1")).willReturn(okJson(release(false))));
        wireMock.stubFor(patch(urlPathEqualTo("/v3/releases/r1")).willReturn(okJson(release(false))));
        Map<String, Object> input = new HashMap<>();
        input.put("version", "1.2.3.4");
        input.put("name", "n".repeat(256));
        input.put("channel", "c");
        input.put("notes", "x".repeat(4096));

        GraphQLClient.post("updateProductRelease", Map.of("id", ID, "input", input)).statusCode(200)
                .body("errors", nullValue());
        wireMock.verify(1, patchRequestedFor(urlPathEqualTo("/v3/releases/r1")).withRequestBody(equalToJson(
                "{\"version\":\"1.2.3.4\",\"name\":\"" + "n".repeat(256) + "\",\"channel\":\"c\",\"notes\":\""
                        + "x".repeat(4096) + "\"}")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "compiled", "smallrye" })
    void sendsTheEditOfAPublishedReleaseToCryptlexWhoseAnswerDecides(String engine) {
        wireMock.stubFor(get(urlPathEqualTo("/v3/releases/r1")).willReturn(okJson(release(true))));
        wireMock.stubFor(patch(urlPathEqualTo("/v3/releases/r1")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"release r1 is published\",\"code\":\"RELEASE_PUBLISHED\"}")));
        wireMock.stubFor(post(urlPathEqualTo("/v3/releases/r1/publish")).willReturn(okJson(release(true))));
        Map<String, String> headers = Map.of("X-Releasegraph-Engine", engine);

        GraphQLClient.post("updateProductRelease", Map.of("id", ID, "input", Map.of("notes", "late fix")), headers)
                .statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("CONFLICT"))
                .body("errors[0].extensions.upstream", equalTo("cryptlex"))
                .body("errors[0].extensions.upstreamCode", equalTo("RELEASE_PUBLISHED"))
                .body("errors[0].extensions.upstreamMessage", equalTo("release r1 is published"));
        // Cryptlex accepted publishing again here, so the gateway does too
        GraphQLClient.post("publishProductRelease", Map.of("id", ID), headers).statusCode(200)
                .body("errors", nullValue())
                .body("data.publishProductRelease.published", equalTo(true));
        wireMock.verify(1, patchRequestedFor(urlPathEqualTo("/v3/releases/r1")));
        wireMock.verify(1, postRequestedFor(urlPathEqualTo("/v3/releases/r1/publish")));
    }

    @Test
    void readsCryptlexsXRateLimitResetDateLikeRetryAfter() {
        String reset = java.time.format.DateTimeFormatter.ISO_INSTANT.format(java.time.Instant.now().plusSeconds(120));
        wireMock.stubFor(patch(urlPathEqualTo("/v3/releases/r1")).willReturn(aResponse().withStatus(429)
                .withHeader("X-Rate-Limit-Reset", reset).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Too many requests\",\"code\":\"RATE_LIMITED\"}")));

        GraphQLClient.post("updateProductRelease", Map.of("id", ID, "input", Map.of("notes", "x"))).statusCode(200)
                .body("errors[0].extensions.code", equalTo("UPSTREAM_RATE_LIMITED"))
                .body("errors[0].extensions.retryAfterSeconds", allOf(greaterThan(100), lessThanOrEqualTo(121)))
                .body("errors[0].extensions.upstreamMessage", equalTo("Too many requests"));
        // far beyond the gateway's bound: not waited out, so asked once
        wireMock.verify(1, patchRequestedFor(urlPathEqualTo("/v3/releases/r1")));
    }

    @Test
    void reportsCryptlexs409AsConflict() {
        wireMock.stubFor(get(urlPathEqualTo("/v3/releases/r1")).willReturn(okJson(release(false))));
        wireMock.stubFor(patch(urlPathEqualTo("/v3/releases/r1")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"published meanwhile\",\"code\":\"RELEASE_PUBLISHED\"}")));

        GraphQLClient.post("updateProductRelease", Map.of("id", ID, "input", Map.of("notes", "late fix")))
                .statusCode(200)
                .body("errors[0].extensions.code", equalTo("CONFLICT"))
                .body("errors[0].extensions.http.status", equalTo(409))
                .body("errors[0].extensions.upstream", equalTo("cryptlex"));
    }

    private void assertRefused(Map<String, Object> input, String field) {
        GraphQLClient.post("updateProductRelease", Map.of("id", ID, "input", input)).statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.field", equalTo(field));
        wireMock.verify(0, anyRequestedFor(anyUrl()));
        wireMock.verify(0, getRequestedFor(anyUrl()));
    }

    static String release(boolean published) {
        return "{\"id\":\"r1\",\"createdAt\":\"2025-06-03T11:20:00Z\",\"updatedAt\":\"2025-06-03T11:20:00Z\","
                + "\"name\":\"Lumen Studio 2.5.1 Beta\",\"channel\":\"beta\",\"version\":\"2.5.1\",\"platforms\":[\"windows\"],"
                + "\"notes\":\"\",\"totalFiles\":0,\"publishedAt\":null,\"files\":[],\"published\":" + published
                + ",\"private\":false,\"archived\":false,\"productId\":\"p-1\",\"tenantId\":\"t-1\"}";
    }
}
