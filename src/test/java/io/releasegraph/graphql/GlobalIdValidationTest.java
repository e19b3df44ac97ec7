package io.releasegraph.graphql;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.domain.GlobalId;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.support.CryptlexWireMock;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.InjectWireMock;
import io.releasegraph.support.UpstreamCallRecorder;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * Issue 15, break 4: a global ID is checked against its upstream's ID grammar when it is decoded, so a malformed one
 * is a VALIDATION error and no upstream hears of it, and a viewer's bad IDs cannot open a breaker that operators'
 * writes depend on. Cryptlex here is WireMock (every request it gets is visible); Trifacta and LaunchDarkly are the
 * built-in sandboxes, watched by {@link UpstreamCallRecorder}.
 */
@QuarkusTest
@WithTestResource(CryptlexWireMock.class)
class GlobalIdValidationTest {

    private static final String BREAKER = "cryptlex-findProductRelease";

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    UpstreamCallRecorder sandboxCalls;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
        CircuitBreakerMaintenance.get().resetAll();
    }

    @AfterEach
    void closeBreakers() {
        CircuitBreakerMaintenance.get().resetAll();
    }

    @Test
    void threeNodeLookupsWithTheKeyDotNeitherCallCryptlexNorOpenItsBreakerAndUpdateStillReachesCryptlex() {
        for (int i = 0; i < 3; i++) {
            assertRefused("nodeProduct", Ids.productRelease("."));
        }
        wireMock.verify(0, anyRequestedFor(anyUrl()));
        assertThat(CircuitBreakerMaintenance.get().currentState(BREAKER)).isEqualTo(CircuitBreakerState.CLOSED);

        wireMock.stubFor(get(urlPathEqualTo("/v3/releases/r1"))
                .willReturn(okJson(ProductReleaseValidationTest.release(false))));
        wireMock.stubFor(patch(urlPathEqualTo("/v3/releases/r1"))
                .willReturn(okJson(ProductReleaseValidationTest.release(false))));
        GraphQLClient.post("updateProductRelease", Map.of("id", Ids.productRelease("r1"),
                "input", Map.of("notes", "still reachable"))).statusCode(200)
                .body("errors", nullValue())
                .body("data.updateProductRelease.id", equalTo(Ids.productRelease("r1")));
        wireMock.verify(1, patchRequestedFor(urlPathEqualTo("/v3/releases/r1")));
    }

    /** Seed 003 says only "id: string" for a Cryptlex release: we refuse what is unsafe in a path, nothing more. */
    @ParameterizedTest
    @ValueSource(strings = { ".", "..", "a/b", "../releases", "a\\b", "r1%2F..", "r1?x=1", "r1#x", "r\u00001", "r\n1",
            "r 1" })
    void cryptlexIdsAreCheckedOnlyForPathSafetySinceSeed003LeavesTheFormatOpen(String unsafe) {
        assertRefused("nodeProduct", Ids.productRelease(unsafe));
        assertRefused("nodeProduct", Ids.releaseFile(unsafe));
        GraphQLClient.post("updateProductRelease", Map.of("id", Ids.productRelease(unsafe),
                "input", Map.of("notes", "x"))).statusCode(200)
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.field", equalTo("id"));
        GraphQLClient.post("publishProductRelease", Map.of("id", Ids.productRelease(unsafe))).statusCode(200)
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
        wireMock.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void cryptlexIdsOfAnyOtherShapeWithinTheLengthCapReachCryptlexSinceSeed003LeavesTheFormatOpen() {
        String longest = "r".repeat(256);
        for (String id : List.of("not-a-uuid_1.2", longest, "0f6c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b")) {
            GraphQLClient.post("nodeProduct", Map.of("id", Ids.productRelease(id))).statusCode(200)
                    .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
        }
        wireMock.verify(3, getRequestedFor(anyUrl()));
        assertRefused("nodeProduct", Ids.productRelease("r".repeat(257)));
        wireMock.verify(3, getRequestedFor(anyUrl()));
    }

    /** Trifacta's IDs are positive integers (seeds 000 to 002: {@code /v3/releases/{id}} with id 12, job group 3). */
    @ParameterizedTest
    @ValueSource(strings = { ".", "..", "1/..", "12a", "-1", "0", "1e3", "99999999999999999999" })
    void trifactaIdsMustBePositiveIntegers(String id) {
        sandboxCalls.start();
        for (String type : List.of("Deployment", "DeploymentRelease", "JobGroup")) {
            assertRefused("node", GlobalId.encode(ReleaseSource.TRIFACTA, type, id));
        }
        assertThat(sandboxCalls.stop()).isEmpty();
    }

    /** LaunchDarkly IDs are {@code projectKey/key}, each a key (seed 004: {@code /api/v2/flags/{projectKey}/{flagKey}}). */
    @ParameterizedTest
    @ValueSource(strings = { ".", "..", "default/.", "default/..", "../default", "default/a/b", "default/", "/flag",
            "default/-flag", "default/fl ag" })
    void launchDarklyIdsMustBeTwoKeys(String id) {
        sandboxCalls.start();
        for (String type : List.of("FlagRelease", "ReleasePipeline")) {
            assertRefused("launchDarklyNode", GlobalId.encode(ReleaseSource.LAUNCHDARKLY, type, id));
        }
        assertThat(sandboxCalls.stop()).isEmpty();
    }

    private static void assertRefused(String document, String id) {
        GraphQLClient.post(document, Map.of("id", id)).statusCode(200)
                .body("data.node", nullValue())
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.field", equalTo("id"));
    }
}
