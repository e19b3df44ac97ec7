package io.releasegraph.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.support.Ids;
import io.releasegraph.support.InjectWireMock;
import io.releasegraph.support.TrifactaWireMock;

/** Trifacta's faults: reading a deployment, and running one (POST /v4/deployments/7/run). */
@QuarkusTest
@TestProfile(FaultProfile.class)
@WithTestResource(TrifactaWireMock.class)
class TrifactaFaultTest extends UpstreamFaultSuite {

    private static final String DEPLOYMENT = "/v4/deployments/7";

    @InjectWireMock
    WireMockServer wireMock;

    @Override
    WireMockServer upstream() {
        return wireMock;
    }

    @Override
    String name() {
        return "trifacta";
    }

    @Override
    MappingBuilder readStub(ResponseDefinitionBuilder answer) {
        return get(urlPathEqualTo(DEPLOYMENT)).willReturn(answer);
    }

    @Override
    String okReadBody() {
        return "{\"id\":7,\"name\":\"Finance\",\"createdAt\":\"2025-01-01T10:00:00.000Z\","
                + "\"updatedAt\":\"2025-02-01T10:00:00.000Z\",\"numReleases\":1,\"releases\":{\"data\":[{\"id\":71,"
                + "\"notes\":\"flow\",\"packageUuid\":\"0f6c-71\",\"active\":true,\"createdAt\":\"2025-01-01T10:00:00.000Z\","
                + "\"updatedAt\":\"2025-01-02T10:00:00.000Z\",\"deployment\":{\"id\":7}}]}}";
    }

    @Override
    RequestPatternBuilder readRequests() {
        return getRequestedFor(urlPathEqualTo(DEPLOYMENT));
    }

    @Override
    String readBreaker() {
        return "trifacta-findDeployment";
    }

    @Override
    void stubWorkingRead() {
        wireMock.stubFor(get(urlPathEqualTo("/v4/jobGroups/33")).willReturn(okJson(
                "{\"id\":33,\"status\":\"Complete\",\"jobs\":{\"data\":[]}}")));
    }

    @Override
    String readDocument() {
        return "faults/trifactaRead";
    }

    @Override
    Map<String, Object> readVariables() {
        return Map.of("broken", Ids.deployment(7), "working", Ids.jobGroup(33));
    }

    @Override
    void stubWriteContext() {
        wireMock.stubFor(readStub(okJson(okReadBody())));
        stubWorkingRead();
    }

    @Override
    MappingBuilder writeStub(ResponseDefinitionBuilder answer) {
        return post(urlPathEqualTo(DEPLOYMENT + "/run")).willReturn(answer);
    }

    @Override
    String okWriteBody() {
        return "{\"data\":[{\"reason\":\"JobStarted\",\"sessionId\":\"dd6a90e0\",\"id\":33}]}";
    }

    @Override
    RequestPatternBuilder writeRequests() {
        return postRequestedFor(urlPathEqualTo(DEPLOYMENT + "/run"));
    }

    @Override
    String writeDocument() {
        return "runDeployment";
    }

    @Override
    Map<String, Object> writeVariables() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("deploymentId", Ids.deployment(7));
        variables.put("parameters", List.of());
        variables.put("idempotencyKey", null);
        return variables;
    }

    @Override
    String writeField() {
        return "runDeployment";
    }
}
