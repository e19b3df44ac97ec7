package io.releasegraph.graphql;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.support.CryptlexWireMock;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.InjectWireMock;

/**
 * {@code releases} with one source failing: Trifacta (the sandbox) answers, Cryptlex (WireMock) fails, and the answer
 * holds Trifacta's releases in {@code data} plus an error that names Cryptlex with the contract's extensions.
 */
@QuarkusTest
@WithTestResource(CryptlexWireMock.class)
class ReleasesPartialResultsTest {

    @InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
    }

    @Test
    void returnsTheHealthySourcesReleasesWithAnErrorForTheFailedOne() {
        wireMock.stubFor(get(urlPathEqualTo("/v3/releases")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"database secret-host down\",\"code\":\"UNAVAILABLE\"}")));

        GraphQLClient.post("releases", Map.of("first", 100)).statusCode(200)
                .body("data.releases.nodes", not(hasSize(0)))
                .body("data.releases.nodes.source", everyItem(not(equalTo("CRYPTLEX"))))
                .body("data.releases.nodes.source", hasItems("TRIFACTA", "LAUNCHDARKLY"))
                .body("data.releases.totalCount", greaterThan(0))
                .body("errors", hasSize(1))
                .body("errors[0].path", equalTo(List.of("releases")))
                // 503 is the upstream saying it is unavailable (README "Errors")
                .body("errors[0].extensions.code", equalTo("UPSTREAM_UNAVAILABLE"))
                .body("errors[0].extensions.upstream", equalTo("cryptlex"))
                .body("errors[0].extensions.http.status", equalTo(503))
                .body("errors[0].message", containsString("Cryptlex"))
                .body("errors[0].message", not(containsString("secret-host")));
    }

    @Test
    void carriesTheRateLimitCodeAndWaitOfTheFailedSource() {
        wireMock.stubFor(get(urlPathEqualTo("/v3/releases"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

        GraphQLClient.post("releases", Map.of("first", 5)).statusCode(200)
                .body("data.releases.nodes", hasSize(5))
                .body("errors[0].extensions.code", equalTo("UPSTREAM_RATE_LIMITED"))
                .body("errors[0].extensions.retryAfterSeconds", equalTo(120))
                .body("errors[0].extensions.upstream", equalTo("cryptlex"));
    }

    @Test
    void answersNullReleasesWhenEveryAskedSourceFailed() {
        wireMock.stubFor(get(urlPathEqualTo("/v3/releases")).willReturn(aResponse().withStatus(500)));

        GraphQLClient.post("releases", Map.of("filter", Map.of("sources", List.of("CRYPTLEX")))).statusCode(200)
                // nullable root (issue 14 item 3): only the field is null, not the whole answer
                .body("data.releases", nullValue())
                .body("data", org.hamcrest.Matchers.hasKey("releases"))
                .body("errors", hasSize(1))
                .body("errors[0].extensions.code", equalTo("UPSTREAM_ERROR"))
                .body("errors[0].extensions.upstream", equalTo("cryptlex"));
    }

    @Test
    void answersWithoutErrorsWhenEverySourceAnswers() {
        wireMock.stubFor(get(urlPathEqualTo("/v3/releases")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("[]")));

        GraphQLClient.post("releases", Map.of("first", 100)).statusCode(200)
                .body("errors", nullValue())
                .body("data.releases.nodes.source", everyItem(not(equalTo("CRYPTLEX"))))
                .body("data.releases.nodes.source", hasItems("TRIFACTA", "LAUNCHDARKLY"));
    }
}
