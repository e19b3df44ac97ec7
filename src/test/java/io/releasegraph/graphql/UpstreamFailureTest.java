package io.releasegraph.graphql;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.InjectWireMock;
import io.releasegraph.support.TrifactaWireMock;

/** An upstream failure nulls only the fields it feeds and says so in the contract's terms. */
@QuarkusTest
@WithTestResource(TrifactaWireMock.class)
class UpstreamFailureTest {

    @InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
    }

    @Test
    void a5xxBecomesUpstreamErrorWhileTheRestOfDataSurvives() {
        wireMock.stubFor(get(urlPathEqualTo("/v4/deployments/7")).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"exception\":{\"name\":\"BadGateway\",\"message\":\"db-host-17 refused\"}}")));
        wireMock.stubFor(get(urlPathEqualTo("/v4/jobGroups/33")).willReturn(okJson(
                "{\"id\":33,\"status\":\"Complete\",\"jobs\":{\"data\":[]}}")));

        GraphQLClient.post("partialFailure", Map.of("deploymentId", Ids.deployment(7), "jobGroupId", Ids.jobGroup(33)))
                .statusCode(200)
                .body("data.broken", nullValue())
                .body("data.working.status", equalTo("COMPLETE"))
                .body("errors", hasSize(1))
                .body("errors[0].path[0]", equalTo("broken"))
                .body("errors[0].extensions.code", equalTo("UPSTREAM_ERROR"))
                .body("errors[0].extensions.upstream", equalTo("trifacta"))
                .body("errors[0].extensions.http.status", equalTo(502))
                .body("errors[0].message", not(containsString("db-host-17")))
                .body("errors[0].extensions.exception", nullValue());
    }
}
