package io.releasegraph.provider.launchdarkly;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.support.CleanSlate;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.InjectWireMock;
import io.releasegraph.support.LaunchDarklyStubs;
import io.releasegraph.support.LaunchDarklyWireMock;

/**
 * Seed 004's release example reaches the GraphQL answer with every documented field. The seed documents it as the
 * PATCH's answer; the GET of a flag's release answers the same {@code Release} object (OpenAPI extract), so WireMock
 * serves it for the GET the query makes.
 */
@QuarkusTest
@WithTestResource(LaunchDarklyWireMock.class)
@TestProfile(LaunchDarklyStubs.Profile.class)
class LaunchDarklySeedFieldsTest {

    private static final String RELEASE = "/api/v2/flags/alpha/checkout/release";
    private static final Map<String, Object> CHECKOUT = Map.of("projectKey", "alpha", "flagKey", "checkout");

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    CleanSlate cleanSlate;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
        cleanSlate.clearCache();
    }

    @Test
    void seedReleaseExampleCarriesEveryDocumentedField() {
        wireMock.stubFor(get(urlPathEqualTo(RELEASE))
                .willReturn(okJson(GraphQLClient.resource("seeds/launchdarkly/patch-release-200.json"))));

        String phase = "data.flagRelease.phases[0].";
        String audience = phase + "audiences[0].";
        GraphQLClient.post("flagReleaseSeedFields", CHECKOUT)
                .statusCode(200).body("errors", nullValue())
                .body("data.flagRelease.pipelineDescription",
                        equalTo("Our release pipeline for typical testing and deployment"))
                .body("data.flagRelease.releaseVariationId", equalTo("string"))
                .body(phase + "status", equalTo("COMPLETED"))
                .body(phase + "upstreamStatus", equalTo("string"))
                .body(phase + "startedAt", equalTo("1970-01-01T00:00:00.001Z"))
                .body(phase + "completer.member.memberId", equalTo("569f183514f4432160000007"))
                .body(phase + "completer.member.email", equalTo("ariel@acme.com"))
                .body(phase + "completer.member.firstName", equalTo("Ariel"))
                .body(phase + "completer.member.lastName", equalTo("Flores"))
                .body(phase + "completer.member.role", equalTo("admin"))
                .body(phase + "completer.token.tokenId", equalTo("string"))
                .body(phase + "completer.token.name", equalTo("DevOps token"))
                .body(phase + "completer.token.serviceToken", equalTo(false))
                .body(audience + "audienceId", equalTo("1234a56b7c89d012345e678g"))
                .body(audience + "upstreamStatus", equalTo("string"))
                .body(audience + "ruleIds", contains("string"))
                .body(audience + "segments", contains("segment-key-123abc"))
                .body(audience + "configuration.releaseStrategy", equalTo("string"))
                .body(audience + "configuration.requireApproval", equalTo(true))
                .body(audience + "configuration.notifyMemberIds", contains("1234a56b7c89d012345e678f"))
                .body(audience + "configuration.notifyTeamKeys", contains("example-reviewer-team"))
                .body(audience + "configuration.releaseGuardian.monitoringWindowMilliseconds", equalTo(60000))
                .body(audience + "configuration.releaseGuardian.rolloutWeight", equalTo(50))
                .body(audience + "configuration.releaseGuardian.rollbackOnRegression", equalTo(true))
                .body(audience + "configuration.releaseGuardian.randomizationUnit", equalTo("user"));
    }

    @Test
    void vendorNullsStayNull() {
        wireMock.stubFor(get(urlPathEqualTo(RELEASE)).willReturn(okJson("{\"name\":\"P\",\"releasePipelineKey\":\"p\","
                + "\"releasePipelineDescription\":null,\"_releaseVariationId\":null,\"_version\":1,\"phases\":[{"
                + "\"_id\":\"ph\",\"_name\":\"One\",\"complete\":false,\"status\":null,\"_completedBy\":null,"
                + "\"_audiences\":[{\"_id\":\"a\",\"name\":\"A\",\"configuration\":{\"releaseStrategy\":\"s\","
                + "\"requireApproval\":false,\"notifyMemberIds\":null,\"releaseGuardianConfiguration\":null},"
                + "\"_ruleIds\":null}]}]}")));

        String phase = "data.flagRelease.phases[0].";
        String audience = phase + "audiences[0].";
        GraphQLClient.post("flagReleaseSeedFields", CHECKOUT)
                .statusCode(200).body("errors", nullValue())
                .body("data.flagRelease.pipelineDescription", nullValue())
                .body("data.flagRelease.releaseVariationId", nullValue())
                .body(phase + "upstreamStatus", nullValue())
                .body(phase + "completer", nullValue())
                .body(audience + "ruleIds", nullValue())
                .body(audience + "configuration.notifyMemberIds", nullValue())
                .body(audience + "configuration.notifyTeamKeys", nullValue())
                .body(audience + "configuration.releaseGuardian", nullValue());
    }
}
