package io.releasegraph.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.releasegraph.support.LaunchDarklyStubs.error;
import static io.releasegraph.support.LaunchDarklyStubs.pipeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.domain.CompleteReleasePhasePayload;
import io.releasegraph.error.ValidationException;
import io.releasegraph.service.FlagReleaseService.PhaseRef;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.InjectWireMock;
import io.releasegraph.support.LaunchDarklyStubs;
import io.releasegraph.support.LaunchDarklyWireMock;

/**
 * Completing a phase when the pipeline does not say whether it is legacy ({@code _isLegacy} is optional), with seed
 * 004's own release example ({@code wire/launchdarkly/seed-004-patch-release-200.json}): verbatim as LaunchDarkly's
 * answer to the write. The example carries {@code _canceledAt: 1}, and a canceled release cannot be changed, so the
 * release the gateway reads first is the example with {@code _canceledAt} null and, where a test needs a phase still
 * to complete, that phase's {@code complete} false: the only fields changed. LaunchDarkly's documents do not show
 * the body of its refusal of the wrong call for a release's kind, so these stub a plain 400 {@code invalid_request}.
 * Each test uses its own project: the service remembers each pipeline's kind.
 */
@QuarkusTest
@WithTestResource(LaunchDarklyWireMock.class)
@TestProfile(LaunchDarklyStubs.Profile.class)
class FlagReleaseKindFallbackTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String SEED_RELEASE = GraphQLClient.resource("wire/launchdarkly/seed-004-patch-release-200.json");
    private static final String PIPELINE_KEY = "example-release-pipeline";
    private static final String PHASE_ID = "1234a56b7c89d012345e678f";
    private static final String FLAG = "flagKey";

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    FlagReleaseService flagReleases;

    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void reset() {
        wireMock.resetAll();
        Logger.getLogger(FlagReleaseService.class.getName()).addHandler(capture);
    }

    @AfterEach
    void everyRequestFollowsTheContract() {
        Logger.getLogger(FlagReleaseService.class.getName()).removeHandler(capture);
        LaunchDarklyStubs.assertEveryRequestFollowsTheContract(wireMock);
    }

    @Test
    void theSeedsReleaseOnAPipelineThatDoesNotSayItsKindGetsTheDocumentedJsonPatch() {
        String project = "seed-patch";
        stubRelease(project, readable(false));
        stubPipeline(project, null);
        wireMock.stubFor(patch(urlPathEqualTo(release(project))).willReturn(okJson(SEED_RELEASE)));

        // the example's only phase is complete: reopening it is the change it can take
        CompleteReleasePhasePayload payload = complete(project, false);

        assertThat(payload.changed()).isTrue();
        assertThat(payload.release().pipelineKey()).isEqualTo(PIPELINE_KEY);
        wireMock.verify(1, patchRequestedFor(urlPathEqualTo(release(project)))
                .withRequestBody(equalToJson("[{\"op\":\"replace\",\"path\":\"/phases/0/complete\",\"value\":false}]")));
        wireMock.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void anUnknownKindSwitchesToThePhaseStatusCallOnLaunchDarklys400ToThePatch_refusalBodyNotShownInTheDocuments() {
        String project = "seed-new";
        stubRelease(project, readable(true));
        stubPipeline(project, null);
        wireMock.stubFor(patch(urlPathEqualTo(release(project))).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(error("invalid_request", "This release belongs to a new release pipeline"))));
        wireMock.stubFor(put(urlPathEqualTo(phase(project))).willReturn(okJson(SEED_RELEASE)));

        CompleteReleasePhasePayload payload = complete(project, true);

        assertThat(payload.phase().complete()).isTrue();
        wireMock.verify(1, patchRequestedFor(urlPathEqualTo(release(project)))
                .withRequestBody(equalToJson("[{\"op\":\"replace\",\"path\":\"/phases/0/complete\",\"value\":true}]")));
        wireMock.verify(1, putRequestedFor(urlPathEqualTo(phase(project)))
                .withRequestBody(equalToJson("{\"status\":\"completed\"}")));

        // LaunchDarkly's answer is remembered: the next completion goes straight to the phase-status call
        wireMock.resetRequests();
        complete(project, true);
        wireMock.verify(0, patchRequestedFor(anyUrl()));
        wireMock.verify(1, putRequestedFor(urlPathEqualTo(phase(project))));
        assertThat(fallbackLogLines(project)).hasSize(1);
    }

    @Test
    void aPipelineThatSaysItIsNewSwitchesToTheJsonPatchOnLaunchDarklys400ToThePhaseStatusCall() {
        String project = "seed-legacy";
        stubRelease(project, readable(true));
        stubPipeline(project, false);
        wireMock.stubFor(put(urlPathEqualTo(phase(project))).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(error("invalid_request", "This release belongs to a legacy release pipeline"))));
        wireMock.stubFor(patch(urlPathEqualTo(release(project))).willReturn(okJson(SEED_RELEASE)));

        CompleteReleasePhasePayload payload = complete(project, true);

        assertThat(payload.phase().complete()).isTrue();
        wireMock.verify(1, putRequestedFor(urlPathEqualTo(phase(project))));
        wireMock.verify(1, patchRequestedFor(urlPathEqualTo(release(project)))
                .withRequestBody(equalToJson("[{\"op\":\"replace\",\"path\":\"/phases/0/complete\",\"value\":true}]")));
        assertThat(fallbackLogLines(project)).hasSize(1);
    }

    @Test
    void whenBothCallsAreRefusedTheCallerHearsTheFirstRefusalWithLaunchDarklysWords() {
        String project = "seed-neither";
        stubRelease(project, readable(true));
        stubPipeline(project, null);
        wireMock.stubFor(patch(urlPathEqualTo(release(project))).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(error("invalid_request", "first refusal"))));
        wireMock.stubFor(put(urlPathEqualTo(phase(project))).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(error("invalid_request", "second refusal"))));

        assertThatThrownBy(() -> complete(project, true)).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.upstreamCode()).contains("invalid_request");
            assertThat(e.upstreamMessage()).contains("first refusal");
        });
        wireMock.verify(1, patchRequestedFor(anyUrl()));
        wireMock.verify(1, putRequestedFor(anyUrl()));
    }

    private CompleteReleasePhasePayload complete(String project, boolean complete) {
        return flagReleases.completePhase(project, FLAG, new PhaseRef.ByIndex(0), complete).await().atMost(WAIT);
    }

    private List<String> fallbackLogLines(String project) {
        return logged.stream()
                .map(record -> record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage())
                .filter(message -> message != null && message.contains("LaunchDarkly refused")
                        && message.contains(project))
                .toList();
    }

    /** Seed 004's example not canceled, and with its one phase started but not complete when asked. */
    private static String readable(boolean phaseToComplete) {
        try {
            ObjectMapper json = new ObjectMapper();
            ObjectNode release = (ObjectNode) json.readTree(SEED_RELEASE);
            release.putNull("_canceledAt");
            if (phaseToComplete) {
                ((ObjectNode) release.get("phases").get(0)).put("complete", false);
            }
            return json.writeValueAsString(release);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void stubRelease(String project, String body) {
        wireMock.stubFor(get(urlPathEqualTo(release(project))).willReturn(okJson(body)));
    }

    private void stubPipeline(String project, Boolean legacy) {
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/projects/" + project + "/release-pipelines/" + PIPELINE_KEY))
                .willReturn(okJson(pipeline(PIPELINE_KEY, legacy, "p1"))));
    }

    private static String release(String project) {
        return "/api/v2/flags/" + project + "/" + FLAG + "/release";
    }

    private static String phase(String project) {
        return "/api/v2/projects/" + project + "/flags/" + FLAG + "/release/phases/" + PHASE_ID;
    }
}
