package io.releasegraph.provider.cryptlex;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.domain.ProductRelease;
import io.releasegraph.domain.ProductReleaseFilter;
import io.releasegraph.domain.ProductReleaseInput;
import io.releasegraph.domain.ReleaseFile;
import io.releasegraph.domain.ReleaseStatus;
import io.releasegraph.error.ConflictException;
import io.releasegraph.error.UpstreamErrorException;
import io.releasegraph.error.UpstreamRateLimitedException;
import io.releasegraph.error.ValidationException;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.releasegraph.support.CryptlexWireMock;
import io.releasegraph.support.InjectWireMock;

/** Every Cryptlex call the gateway makes, checked on the wire. */
@QuarkusTest
@WithTestResource(CryptlexWireMock.class)
@TestProfile(CryptlexClientTest.SmallPages.class)
class CryptlexClientTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String AUTH = "Bearer test-cryptlex-token";

    /** Pages of two and a short rate-limit bound, so paging and waiting are exercised quickly. */
    public static class SmallPages implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.cryptlex.page-size", "2", "gateway.cryptlex.token", "test-cryptlex-token",
                    "gateway.cryptlex.rate-limit.max-wait", "PT2S", "gateway.cryptlex.rate-limit.max-retries", "2");
        }
    }

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    CryptlexClient cryptlex;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
    }

    @Test
    void walksPagesUntilAnEmptyPageAndSendsTheToken() {
        stubPage(1, release("r1", "1.0", "2025-01-01"), release("r2", "1.1", "2025-02-01"));
        stubPage(2, release("r3", "2.0", "2025-03-01"), release("r4", "2.1", "2025-04-01"));
        stubPage(3, release("r5", "3.0", "2025-05-01"));
        stubPage(4);

        List<ProductRelease> all = cryptlex.listReleases(ProductReleaseFilter.ALL).await().atMost(WAIT);

        assertThat(all).extracting(ProductRelease::externalId).containsExactly("r5", "r4", "r3", "r2", "r1");
        for (int page = 1; page <= 4; page++) {
            wireMock.verify(getRequestedFor(urlPathEqualTo("/v3/releases"))
                    .withQueryParam("page", equalTo(String.valueOf(page)))
                    .withQueryParam("limit", equalTo("2"))
                    .withQueryParam("productId", absent())
                    .withHeader("Authorization", equalTo(AUTH)));
        }
        // A short page is not the end for Cryptlex: only an empty one is.
        wireMock.verify(4, getRequestedFor(urlPathEqualTo("/v3/releases")));
    }

    @Test
    void sendsEveryFilterAsItsQueryParameter() {
        stubPage(1);

        cryptlex.listReleases(new ProductReleaseFilter("p-1", "beta", "linux", true, false, "plugin api"))
                .await().atMost(WAIT);

        wireMock.verify(getRequestedFor(urlPathEqualTo("/v3/releases"))
                .withQueryParam("page", equalTo("1"))
                .withQueryParam("productId", equalTo("p-1"))
                .withQueryParam("channel", equalTo("beta"))
                .withQueryParam("platform", equalTo("linux"))
                .withQueryParam("published", equalTo("true"))
                .withQueryParam("private", equalTo("false"))
                .withQueryParam("query", equalTo("plugin api")));
    }

    @Test
    void readsOneReleaseWithItsEmbeddedFiles() {
        wireMock.stubFor(get(urlPathEqualTo("/v3/releases/r1")).willReturn(okJson(
                release("r1", "2.4.0", "2025-02-18", true, file("f1", "app.exe", 3_000_000_000L)))));

        ProductRelease release = cryptlex.findProductRelease("r1").await().atMost(WAIT).orElseThrow();

        assertThat(release.status()).isEqualTo(ReleaseStatus.PUBLISHED);
        assertThat(release.files()).extracting(ReleaseFile::name).containsExactly("app.exe");
        assertThat(release.files().get(0).size()).isEqualTo(3_000_000_000L);
        wireMock.verify(getRequestedFor(urlPathEqualTo("/v3/releases/r1")).withHeader("Authorization", equalTo(AUTH)));
        wireMock.verify(0, getRequestedFor(urlPathEqualTo("/v3/release-files")));
    }

    @Test
    void pagesTheFilesListWhenTheEmbedIsShorterThanTotalFiles() {
        wireMock.stubFor(get(urlPathEqualTo("/v3/releases/r1")).willReturn(okJson(
                "{\"id\":\"r1\",\"version\":\"1.0\",\"name\":\"R\",\"channel\":\"stable\",\"platforms\":[],"
                        + "\"productId\":\"p\",\"totalFiles\":3,\"files\":[" + file("f1", "a.zip", 1) + "]}")));
        wireMock.stubFor(get(urlPathEqualTo("/v3/release-files")).withQueryParam("page", equalTo("1"))
                .willReturn(okJson("[" + file("f1", "a.zip", 1) + "," + file("f2", "b.zip", 2) + "]")));
        wireMock.stubFor(get(urlPathEqualTo("/v3/release-files")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson("[" + file("f3", "c.zip", 3) + "]")));
        wireMock.stubFor(get(urlPathEqualTo("/v3/release-files")).withQueryParam("page", equalTo("3"))
                .willReturn(okJson("[]")));

        ProductRelease release = cryptlex.findProductRelease("r1").await().atMost(WAIT).orElseThrow();

        assertThat(release.files()).extracting(ReleaseFile::externalId).containsExactly("f1", "f2", "f3");
        wireMock.verify(3, getRequestedFor(urlPathEqualTo("/v3/release-files"))
                .withQueryParam("releaseId", equalTo("r1"))
                .withQueryParam("limit", equalTo("2")));
    }

    @Test
    void answersEmptyForAnUnknownReleaseOrFile() {
        wireMock.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"release nope was not found\",\"code\":\"NOT_FOUND\"}")));

        assertThat(cryptlex.findProductRelease("nope").await().atMost(WAIT)).isEmpty();
        assertThat(cryptlex.findFile("nope").await().atMost(WAIT)).isEmpty();
        wireMock.verify(getRequestedFor(urlPathEqualTo("/v3/release-files/nope")));
    }

    /** RFC 3986 §5.2.4 removes {@code .} and {@code ..} segments, so they go out percent-encoded as one literal segment. */
    @Test
    void encodesDotSegmentsAndReservedCharactersInPathIds() {
        wireMock.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(404)));

        for (String id : List.of(".", "..", "a b", "r?1")) {
            assertThat(cryptlex.findProductRelease(id).await().atMost(WAIT)).isEmpty();
        }
        assertThat(cryptlex.findFile("..").await().atMost(WAIT)).isEmpty();

        List<String> urls = wireMock.getAllServeEvents().stream().map(event -> event.getRequest().getUrl()).toList();
        assertThat(urls).containsExactlyInAnyOrder("/v3/releases/%2E", "/v3/releases/%2E%2E", "/v3/releases/a%20b",
                "/v3/releases/r%3F1", "/v3/release-files/%2E%2E");
    }

    /** A 4xx other than the mapped ones (here 405) answers the caller's request: the upstream is up, no breaker counts it. */
    @Test
    void anUnmappedClientErrorIsTheCallersAndNeverOpensTheBreakerOrRetries() {
        CircuitBreakerMaintenance.get().reset("cryptlex-findProductRelease");
        wireMock.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(405)));

        for (int i = 0; i < 12; i++) {
            assertThatThrownBy(() -> cryptlex.findProductRelease("r1").await().atMost(WAIT))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.httpStatus()).contains(405));
        }
        wireMock.verify(12, getRequestedFor(urlPathEqualTo("/v3/releases/r1")));
        assertThat(CircuitBreakerMaintenance.get().currentState("cryptlex-findProductRelease"))
                .isEqualTo(CircuitBreakerState.CLOSED);
    }

    @Test
    void patchesOnlyTheFieldsTheInputSets() {
        wireMock.stubFor(patch(urlPathEqualTo("/v3/releases/r1")).willReturn(okJson(release("r1", "2.5.2", "2025-06-03"))));

        ProductRelease updated = cryptlex.update("r1", new ProductReleaseInput(null, "2.5.2", null, List.of("linux"),
                true, null)).await().atMost(WAIT);

        assertThat(updated.version()).isEqualTo("2.5.2");
        wireMock.verify(patchRequestedFor(urlPathEqualTo("/v3/releases/r1"))
                .withHeader("Authorization", equalTo(AUTH))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"version\":\"2.5.2\",\"platforms\":[\"linux\"],\"private\":true}")));
    }

    @Test
    void anUpdateOfEveryFieldSendsSeed003sRequestExamplePropertiesByNameAndType() throws Exception {
        // The seed's example holds placeholders ("string" is no valid version), so names and JSON types are compared.
        wireMock.stubFor(patch(urlPathEqualTo("/v3/releases/r1")).willReturn(okJson(release("r1", "2.5.2", "2025-06-03"))));

        cryptlex.update("r1", new ProductReleaseInput("Lumen Studio 2.5.2", "2.5.2", "beta", List.of("windows", "linux"),
                false, "Faster start-up.")).await().atMost(WAIT);

        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode documented = json.readTree(
                io.releasegraph.support.GraphQLClient.resource("seeds/cryptlex/update-release-request.json"));
        com.fasterxml.jackson.databind.JsonNode sent = json.readTree(
                wireMock.findAll(patchRequestedFor(urlPathEqualTo("/v3/releases/r1"))).get(0).getBodyAsString());
        assertThat(shape(sent)).isEqualTo(shape(documented));
        wireMock.verify(patchRequestedFor(urlPathEqualTo("/v3/releases/r1"))
                .withHeader("Authorization", equalTo(AUTH))
                .withHeader("Content-Type", equalTo("application/json")));
    }

    /** Each property's name and JSON type (and the type of an array's items). */
    private static Map<String, String> shape(com.fasterxml.jackson.databind.JsonNode body) {
        Map<String, String> shape = new java.util.TreeMap<>();
        body.fields().forEachRemaining(field -> shape.put(field.getKey(), field.getValue().getNodeType()
                + (field.getValue().isArray() ? " of " + field.getValue().get(0).getNodeType() : "")));
        return shape;
    }

    @Test
    void publishesWithAPostToThePublishAction() {
        wireMock.stubFor(post(urlPathEqualTo("/v3/releases/r1/publish"))
                .willReturn(okJson(release("r1", "2.5.1", "2025-06-03", true))));

        assertThat(cryptlex.publish("r1").await().atMost(WAIT).published()).isTrue();
        wireMock.verify(postRequestedFor(urlPathEqualTo("/v3/releases/r1/publish")).withHeader("Authorization", equalTo(AUTH)));
    }

    @Test
    void mapsA409ToConflict() {
        wireMock.stubFor(patch(urlPathEqualTo("/v3/releases/r1")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"release r1 is published\",\"code\":\"RELEASE_PUBLISHED\"}")));

        assertThatThrownBy(() -> cryptlex.update("r1", nameOnly("x")).await().atMost(WAIT))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.upstream()).contains("cryptlex");
                    assertThat(e.httpStatus()).contains(409);
                    assertThat(e.getMessage()).doesNotContain("release r1 is published");
                });
    }

    @Test
    void waitsOutA429WithinTheBoundAndRetries() {
        wireMock.stubFor(get(urlPathEqualTo("/v3/releases/r1")).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        wireMock.stubFor(get(urlPathEqualTo("/v3/releases/r1")).inScenario("limit").whenScenarioStateIs("open")
                .willReturn(okJson(release("r1", "1.0", "2025-01-01"))));

        long started = System.nanoTime();
        assertThat(cryptlex.findProductRelease("r1").await().atMost(WAIT)).isPresent();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        wireMock.verify(2, getRequestedFor(urlPathEqualTo("/v3/releases/r1")));
    }

    @Test
    void givesUpAfterTheConfiguredRetries() {
        wireMock.stubFor(get(urlPathEqualTo("/v3/releases/r1"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));

        assertThatThrownBy(() -> cryptlex.findProductRelease("r1").await().atMost(WAIT))
                .isInstanceOfSatisfying(UpstreamRateLimitedException.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(1));
        wireMock.verify(3, getRequestedFor(urlPathEqualTo("/v3/releases/r1")));
    }

    @Test
    void failsAtOnceWhenTheWaitExceedsTheBound() {
        wireMock.stubFor(patch(urlPathEqualTo("/v3/releases/r1"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

        assertThatThrownBy(() -> cryptlex.update("r1", nameOnly("x")).await().atMost(WAIT))
                .isInstanceOfSatisfying(UpstreamRateLimitedException.class, e -> {
                    assertThat(e.retryAfterSeconds()).isEqualTo(120);
                    assertThat(e.upstream()).contains("cryptlex");
                });
        wireMock.verify(1, patchRequestedFor(urlPathEqualTo("/v3/releases/r1")));
    }

    @Test
    void retriesARefusedWriteButNeverAFailedOne() {
        wireMock.stubFor(post(urlPathEqualTo("/v3/releases/r1/publish")).inScenario("publish")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("refused once"));
        wireMock.stubFor(post(urlPathEqualTo("/v3/releases/r1/publish")).inScenario("publish")
                .whenScenarioStateIs("refused once")
                .willReturn(aResponse().withStatus(502).withBody("upstream internals")));

        assertThatThrownBy(() -> cryptlex.publish("r1").await().atMost(WAIT))
                .isInstanceOfSatisfying(UpstreamErrorException.class, e -> {
                    assertThat(e.httpStatus()).contains(502);
                    assertThat(e.getMessage()).doesNotContain("upstream internals");
                });
        // the 429 was retried; the 502 may have published, so it was not
        wireMock.verify(2, postRequestedFor(urlPathEqualTo("/v3/releases/r1/publish")));
        wireMock.verify(2, anyRequestedFor(anyUrl()));
    }

    private void stubPage(int page, String... releases) {
        wireMock.stubFor(get(urlPathEqualTo("/v3/releases")).withQueryParam("page", equalTo(String.valueOf(page)))
                .willReturn(okJson(Arrays.stream(releases).collect(Collectors.joining(",", "[", "]")))));
    }

    private static ProductReleaseInput nameOnly(String name) {
        return new ProductReleaseInput(name, null, null, null, null, null);
    }

    static String release(String id, String version, String date, boolean published, String... files) {
        return "{\"id\":\"" + id + "\",\"createdAt\":\"" + date + "T10:00:00Z\",\"updatedAt\":\"" + date + "T10:00:00Z\","
                + "\"name\":\"Release " + version + "\",\"channel\":\"stable\",\"version\":\"" + version + "\","
                + "\"platforms\":[\"windows\"],\"notes\":\"\",\"totalFiles\":" + files.length + ","
                + "\"publishedAt\":" + (published ? "\"" + date + "T12:00:00Z\"" : "null") + ","
                + "\"files\":[" + String.join(",", files) + "],\"published\":" + published + ",\"private\":false,"
                + "\"archived\":false,\"productId\":\"p-1\",\"tenantId\":\"t-1\"}";
    }

    static String release(String id, String version, String date) {
        return release(id, version, date, false);
    }

    static String file(String id, String name, long size) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"url\":\"https://example.test/" + name + "\","
                + "\"size\":" + size + ",\"downloads\":0,\"extension\":\".x\",\"checksum\":\"abc\",\"secured\":true,"
                + "\"published\":false,\"releaseId\":\"r1\",\"releaseName\":\"R\"}";
    }
}
