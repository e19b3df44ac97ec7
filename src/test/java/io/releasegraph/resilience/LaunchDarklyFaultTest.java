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

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.support.InjectWireMock;
import io.releasegraph.support.LaunchDarklyWireMock;

/** LaunchDarkly's faults: reading a flag's release, and completing a legacy phase (JSON Patch of the release). */
@QuarkusTest
@TestProfile(FaultProfile.class)
@WithTestResource(LaunchDarklyWireMock.class)
class LaunchDarklyFaultTest extends UpstreamFaultSuite {

    private static final String RELEASE = "/api/v2/flags/alpha/checkout/release";

    @InjectWireMock
    WireMockServer wireMock;

    @Override
    WireMockServer upstream() {
        return wireMock;
    }

    @Override
    String name() {
        return "launchdarkly";
    }

    @Override
    MappingBuilder readStub(ResponseDefinitionBuilder answer) {
        return get(urlPathEqualTo(RELEASE)).willReturn(answer);
    }

    @Override
    String okReadBody() {
        return release("standard", 3, phase("p1", "Development", "started"), phase("p2", "Production", "new"));
    }

    @Override
    RequestPatternBuilder readRequests() {
        return getRequestedFor(urlPathEqualTo(RELEASE));
    }

    @Override
    String readBreaker() {
        return "launchdarkly-fetchFlagRelease";
    }

    @Override
    void stubWorkingRead() {
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/flags/alpha/other/release")).willReturn(okJson(okReadBody())));
    }

    @Override
    String readDocument() {
        return "faults/launchDarklyRead";
    }

    @Override
    Map<String, Object> readVariables() {
        return Map.of("projectKey", "alpha", "broken", "checkout", "working", "other");
    }

    @Override
    void stubWriteContext() {
        wireMock.stubFor(readStub(okJson(okReadBody())));
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/projects/alpha/release-pipelines/standard"))
                .willReturn(okJson(pipeline("standard", true, "p1", "p2"))));
    }

    @Override
    MappingBuilder writeStub(ResponseDefinitionBuilder answer) {
        return patch(urlPathEqualTo(RELEASE)).willReturn(answer);
    }

    @Override
    String okWriteBody() {
        return release("standard", 4, phase("p1", "Development", "done"), phase("p2", "Production", "new"));
    }

    @Override
    RequestPatternBuilder writeRequests() {
        return patchRequestedFor(urlPathEqualTo(RELEASE));
    }

    @Override
    String writeDocument() {
        return "completeReleasePhase";
    }

    @Override
    Map<String, Object> writeVariables() {
        return Map.of("projectKey", "alpha", "flagKey", "checkout", "phaseIndex", 0, "complete", true);
    }

    @Override
    String writeField() {
        return "completeReleasePhase";
    }
}
