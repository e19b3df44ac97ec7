package io.releasegraph.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import io.releasegraph.support.Ids;

/** Trifacta's faults: reading a deployment, and running one (POST /v4/deployments/7/run). */
final class TrifactaFaults implements FaultyUpstream {

    private static final String DEPLOYMENT = "/v4/deployments/7";

    @Override
    public String name() {
        return "trifacta";
    }

    @Override
    public MappingBuilder readStub(ResponseDefinitionBuilder answer) {
        return get(urlPathEqualTo(DEPLOYMENT)).willReturn(answer);
    }

    @Override
    public String okReadBody() {
        return "{\"id\":7,\"name\":\"Finance\",\"createdAt\":\"2025-01-01T10:00:00.000Z\","
                + "\"updatedAt\":\"2025-02-01T10:00:00.000Z\",\"numReleases\":1,\"releases\":{\"data\":[{\"id\":71,"
                + "\"notes\":\"flow\",\"packageUuid\":\"0f6c-71\",\"active\":true,\"createdAt\":\"2025-01-01T10:00:00.000Z\","
                + "\"updatedAt\":\"2025-01-02T10:00:00.000Z\",\"deployment\":{\"id\":7}}]}}";
    }

    @Override
    public RequestPatternBuilder readRequests() {
        return getRequestedFor(urlPathEqualTo(DEPLOYMENT));
    }

    @Override
    public String readBreaker() {
        return "trifacta-findDeployment";
    }

    @Override
    public List<MappingBuilder> workingReadStubs() {
        return List.of(get(urlPathEqualTo("/v4/jobGroups/33")).willReturn(okJson(
                "{\"id\":33,\"status\":\"Complete\",\"jobs\":{\"data\":[]}}")));
    }

    @Override
    public String readDocument() {
        return "faults/trifactaRead";
    }

    @Override
    public Map<String, Object> readVariables() {
        return Map.of("broken", Ids.deployment(7), "working", Ids.jobGroup(33));
    }

    @Override
    public List<MappingBuilder> writeContextStubs() {
        List<MappingBuilder> stubs = new ArrayList<>(workingReadStubs());
        stubs.add(readStub(okJson(okReadBody())));
        return stubs;
    }

    @Override
    public MappingBuilder writeStub(ResponseDefinitionBuilder answer) {
        return post(urlPathEqualTo(DEPLOYMENT + "/run")).willReturn(answer);
    }

    @Override
    public String okWriteBody() {
        return "{\"data\":[{\"reason\":\"JobStarted\",\"sessionId\":\"dd6a90e0\",\"id\":33}]}";
    }

    @Override
    public RequestPatternBuilder writeRequests() {
        return postRequestedFor(urlPathEqualTo(DEPLOYMENT + "/run"));
    }

    @Override
    public String writeDocument() {
        return "runDeployment";
    }

    @Override
    public Map<String, Object> writeVariables() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("deploymentId", Ids.deployment(7));
        variables.put("parameters", List.of());
        variables.put("idempotencyKey", null);
        return variables;
    }

    @Override
    public String writeField() {
        return "runDeployment";
    }

    @Override
    public String toString() {
        return name();
    }
}
