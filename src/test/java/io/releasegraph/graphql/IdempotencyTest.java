package io.releasegraph.graphql;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.InjectWireMock;
import io.releasegraph.support.TrifactaWireMock;
import io.releasegraph.support.Zips;
import io.restassured.response.ValidatableResponse;
import io.releasegraph.support.PackageUpload;

/** A repeat with the same idempotency key answers the first result, and Trifacta sees the side effect once. */
@QuarkusTest
@WithTestResource(TrifactaWireMock.class)
class IdempotencyTest {

    private static final String RELEASE_71 = "{\"id\":71,\"notes\":\"Ledger Load\",\"packageUuid\":\"0f6c-71\",\"active\":true,"
            + "\"createdAt\":\"2025-01-01T10:00:00.000Z\",\"updatedAt\":\"2025-01-02T10:00:00.000Z\",\"deployment\":{\"id\":7}}";

    @InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    void stubTrifacta() {
        wireMock.resetAll();
        wireMock.stubFor(get(urlPathEqualTo("/v4/deployments/7")).willReturn(okJson("{\"id\":7,\"name\":\"Finance\","
                + "\"createdAt\":\"2025-01-01T10:00:00.000Z\",\"updatedAt\":\"2025-02-01T10:00:00.000Z\",\"numReleases\":1,"
                + "\"releases\":{\"data\":[" + RELEASE_71 + "]}}")));
        wireMock.stubFor(post(urlPathEqualTo("/v4/deployments/7/run")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"data\":[{\"reason\":\"JobStarted\",\"sessionId\":\"s\",\"id\":33}]}")));
        wireMock.stubFor(get(urlPathEqualTo("/v4/jobGroups/33")).willReturn(okJson(
                "{\"id\":33,\"status\":\"InProgress\",\"jobs\":{\"data\":[]}}")));
        wireMock.stubFor(post(urlPathEqualTo("/v4/deployments/7/releases")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"importRuleChanges\":{\"object\":[],\"value\":[{\"rule\":1}]},\"deletedObjects\":{},"
                        + "\"primaryFlowIds\":[6],\"flows\":[{\"id\":6,\"name\":\"Ledger Load\"}],\"release\":" + RELEASE_71 + "}")));
    }

    @Test
    void aRepeatedRunAnswersTheFirstJobGroupAndTrifactaRunsOnce() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("deploymentId", Ids.deployment(7));
        variables.put("parameters", List.of());
        variables.put("idempotencyKey", UUID.randomUUID().toString());

        String first = GraphQLClient.post("runDeployment", variables).statusCode(200).body("errors", nullValue())
                .body("data.runDeployment.replayed", equalTo(false))
                .extract().path("data.runDeployment.jobGroup.id");
        String second = GraphQLClient.post("runDeployment", variables).statusCode(200).body("errors", nullValue())
                .body("data.runDeployment.replayed", equalTo(true))
                .extract().path("data.runDeployment.jobGroup.id");

        assertThat(second).isEqualTo(first).isEqualTo(Ids.jobGroup(33));
        wireMock.verify(1, postRequestedFor(urlPathEqualTo("/v4/deployments/7/run")));
    }

    @Test
    void aRepeatedImportAnswersTheFirstReleaseAndTrifactaImportsOnce() {
        String key = UUID.randomUUID().toString();
        byte[] flowPackage = Zips.flowPackage("Ledger Load");

        upload(key, flowPackage).statusCode(200).body("errors", nullValue())
                .body("data.importRelease.replayed", equalTo(false))
                .body("data.importRelease.release.id", equalTo(Ids.deploymentRelease(71)));
        upload(key, flowPackage).statusCode(200).body("errors", nullValue())
                .body("data.importRelease.replayed", equalTo(true))
                .body("data.importRelease.flowNames", contains("Ledger Load"))
                .body("data.importRelease.importRuleChanges.valueChanges", contains("{\"rule\":1}"))
                .body("data.importRelease.deletedObjects", equalTo("{}"))
                .body("data.importRelease.release.id", equalTo(Ids.deploymentRelease(71)));
        // the same key with another package is a different request
        upload(key, Zips.flowPackage("Something Else")).statusCode(200)
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.field", equalTo("idempotencyKey"));

        wireMock.verify(1, postRequestedFor(urlPathEqualTo("/v4/deployments/7/releases")));
    }

    private static ValidatableResponse upload(String key, byte[] bytes) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("deploymentId", Ids.deployment(7));
        variables.put("idempotencyKey", key);
        return PackageUpload.of("importReleaseKeyed", variables, "package.zip", bytes).when().post("/graphql").then();
    }

}
