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

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.support.CryptlexWireMock;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.InjectWireMock;

/**
 * {@code updateProductRelease} and {@code publishProductRelease} refuse what they can before calling Cryptlex: one
 * test per input rule, each naming the field and proving that Cryptlex got no request.
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
    void refusesABlankPlatform() {
        assertRefused(Map.of("platforms", List.of("windows", " ")), "platforms");
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

    @Test
    void refusesToEditAReleaseKnownToBePublishedWithoutCallingPatch() {
        wireMock.stubFor(get(urlPathEqualTo("/v3/releases/r1")).willReturn(okJson(release(true))));

        GraphQLClient.post("updateProductRelease", Map.of("id", ID, "input", Map.of("notes", "late fix")))
                .statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("CONFLICT"))
                .body("errors[0].extensions.upstream", equalTo("cryptlex"));
        GraphQLClient.post("publishProductRelease", Map.of("id", ID)).statusCode(200)
                .body("errors[0].extensions.code", equalTo("CONFLICT"));
        wireMock.verify(0, patchRequestedFor(anyUrl()));
        wireMock.verify(0, postRequestedFor(anyUrl()));
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
