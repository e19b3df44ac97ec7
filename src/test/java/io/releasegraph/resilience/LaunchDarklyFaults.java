package io.releasegraph.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.releasegraph.support.LaunchDarklyStubs.phase;
import static io.releasegraph.support.LaunchDarklyStubs.pipeline;
import static io.releasegraph.support.LaunchDarklyStubs.release;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

/** LaunchDarkly's faults: reading a flag's release, and completing a legacy phase (JSON Patch of the release). */
final class LaunchDarklyFaults implements FaultyUpstream {

    private static final String RELEASE = "/api/v2/flags/alpha/checkout/release";

    @Override
    public String name() {
        return "launchdarkly";
    }

    @Override
    public MappingBuilder readStub(ResponseDefinitionBuilder answer) {
        return get(urlPathEqualTo(RELEASE)).willReturn(answer);
    }

    @Override
    public String okReadBody() {
        return release("standard", 3, phase("p1", "Development", "started"), phase("p2", "Production", "new"));
    }

    @Override
    public RequestPatternBuilder readRequests() {
        return getRequestedFor(urlPathEqualTo(RELEASE));
    }

    @Override
    public String readBreaker() {
        return "launchdarkly-fetchFlagRelease";
    }

    @Override
    public List<MappingBuilder> workingReadStubs() {
        return List.of(get(urlPathEqualTo("/api/v2/flags/alpha/other/release")).willReturn(okJson(okReadBody())));
    }

    @Override
    public String readDocument() {
        return "faults/launchDarklyRead";
    }

    @Override
    public Map<String, Object> readVariables() {
        return Map.of("projectKey", "alpha", "broken", "checkout", "working", "other");
    }

    @Override
    public List<MappingBuilder> writeContextStubs() {
        return List.of(readStub(okJson(okReadBody())),
                get(urlPathEqualTo("/api/v2/projects/alpha/release-pipelines/standard"))
                        .willReturn(okJson(pipeline("standard", true, "p1", "p2"))));
    }

    @Override
    public MappingBuilder writeStub(ResponseDefinitionBuilder answer) {
        return patch(urlPathEqualTo(RELEASE)).willReturn(answer);
    }

    @Override
    public String okWriteBody() {
        return release("standard", 4, phase("p1", "Development", "done"), phase("p2", "Production", "new"));
    }

    @Override
    public RequestPatternBuilder writeRequests() {
        return patchRequestedFor(urlPathEqualTo(RELEASE));
    }

    @Override
    public String writeDocument() {
        return "completeReleasePhase";
    }

    @Override
    public Map<String, Object> writeVariables() {
        return Map.of("projectKey", "alpha", "flagKey", "checkout", "phaseIndex", 0, "complete", true);
    }

    @Override
    public String writeField() {
        return "completeReleasePhase";
    }

    @Override
    public String toString() {
        return name();
    }
}
