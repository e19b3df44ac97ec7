package io.releasegraph.provider.trifacta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.cache.Validators;
import io.releasegraph.domain.RunParameter;
import io.releasegraph.error.NotFoundException;
import io.releasegraph.error.UpstreamEndpointMissingException;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.InjectWireMock;
import io.releasegraph.support.TrifactaWireMock;

/**
 * {@code gateway.trifacta.api-version=v3}: the calls seeds 000 and 002 document under {@code /v3} go there, with the
 * seeds' own answers; the import stays v4. A 404 without Trifacta's error body is a missing endpoint, never a missing
 * object. The seeds show no Trifacta not-found body: the gateway takes any {@code {"exception":{...}}} body other than
 * {@code RouteNotFoundException} (upstreams.md A.6) as one.
 */
@QuarkusTest
@WithTestResource(TrifactaWireMock.class)
@TestProfile(TrifactaApiVersionTest.V3.class)
class TrifactaApiVersionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    public static class V3 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.trifacta.api-version", "v3", "gateway.trifacta.token", "test-trifacta-token");
        }
    }

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    TrifactaClient trifacta;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
    }

    @Test
    void activatesAndDeactivatesWithSeed000sV3Patch() {
        wireMock.stubFor(patch(urlPathEqualTo("/v3/releases/2")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(GraphQLClient.resource("wire/trifacta/seed-000-patch-release-v3-200.json"))));

        trifacta.setActive(2, true).await().atMost(WAIT);
        trifacta.setActive(2, false).await().atMost(WAIT);

        wireMock.verify(patchRequestedFor(urlPathEqualTo("/v3/releases/2")).withRequestBody(equalToJson("{\"active\":true}")));
        wireMock.verify(patchRequestedFor(urlPathEqualTo("/v3/releases/2")).withRequestBody(equalToJson("{\"active\":false}")));
        wireMock.verify(0, patchRequestedFor(urlPathEqualTo("/v4/releases/2")));
    }

    @Test
    void runsWithSeed002sV3RouteAndReadsItsAnswer() {
        wireMock.stubFor(post(urlPathEqualTo("/v3/deployments/4/run")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(GraphQLClient.resource("wire/trifacta/seed-002-run-v3-201.json"))));

        long jobGroup = trifacta.run(4, List.of(new RunParameter("myParamName", "override value"))).await().atMost(WAIT);

        assertThat(jobGroup).isEqualTo(33);
        wireMock.verify(postRequestedFor(urlPathEqualTo("/v3/deployments/4/run")).withRequestBody(equalToJson(
                "{\"runParameters\":{\"overrides\":{\"data\":[{\"key\":\"myParamName\",\"value\":\"override value\"}]}}}")));
    }

    @Test
    void aMissingV3RouteIsAnUpstreamErrorNamingTheSettingNotANotFound() {
        // nothing stubbed: WireMock answers 404 with its own text, as a server without the route would
        assertThatThrownBy(() -> trifacta.setActive(2, true).await().atMost(WAIT))
                .isInstanceOfSatisfying(UpstreamEndpointMissingException.class, e -> {
                    assertThat(e.code()).isEqualTo("UPSTREAM_ERROR");
                    assertThat(e.getMessage()).contains("gateway.trifacta.api-version");
                    assertThat(e.httpStatus()).contains(404);
                });
        wireMock.verify(1, patchRequestedFor(anyUrl()));
    }

    @Test
    void aRouteNotFoundExceptionBodyIsAMissingEndpoint_seedsShowNoTrifactaNotFoundBody() {
        wireMock.stubFor(post(urlPathEqualTo("/v3/deployments/4/run")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"exception\":{\"name\":\"RouteNotFoundException\",\"message\":\"Route not found\"}}")));

        assertThatThrownBy(() -> trifacta.run(4, List.of()).await().atMost(WAIT))
                .isInstanceOfSatisfying(UpstreamEndpointMissingException.class, e -> {
                    assertThat(e.upstreamCode()).contains("RouteNotFoundException");
                    assertThat(e.getMessage()).contains("gateway.trifacta.api-version");
                });
    }

    @Test
    void trifactasExceptionBodyOnA404IsStillAMissingObject_seedsShowNoTrifactaNotFoundBody() {
        wireMock.stubFor(get(urlPathEqualTo("/v4/releases/99")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"exception\":{\"name\":\"NotFound\",\"message\":\"no release\"}}")));
        wireMock.stubFor(post(urlPathEqualTo("/v3/deployments/99/run")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"exception\":{\"name\":\"NotFound\",\"message\":\"no deployment\"}}")));

        assertThat(trifacta.findDeploymentRelease(99, Validators.NONE).await().atMost(WAIT).value()).isEmpty();
        assertThatThrownBy(() -> trifacta.run(99, List.of()).await().atMost(WAIT))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.upstreamMessage()).contains("no deployment"));
    }
}
