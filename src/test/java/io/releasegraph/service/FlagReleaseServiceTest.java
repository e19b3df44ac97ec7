package io.releasegraph.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.releasegraph.support.LaunchDarklyStubs.error;
import static io.releasegraph.support.LaunchDarklyStubs.phase;
import static io.releasegraph.support.LaunchDarklyStubs.pipeline;
import static io.releasegraph.support.LaunchDarklyStubs.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.domain.CompleteReleasePhasePayload;
import io.releasegraph.domain.ReleaseStatus;
import io.releasegraph.error.ConflictException;
import io.releasegraph.error.NotFoundException;
import io.releasegraph.error.ValidationException;
import io.releasegraph.service.FlagReleaseService.PhaseRef;
import io.releasegraph.support.InjectWireMock;
import io.releasegraph.support.LaunchDarklyStubs;
import io.releasegraph.support.LaunchDarklyWireMock;

/** One mutation, two kinds of pipeline: which LaunchDarkly calls completing a phase makes, on the wire. */
@QuarkusTest
@WithTestResource(LaunchDarklyWireMock.class)
@TestProfile(LaunchDarklyStubs.Profile.class)
class FlagReleaseServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String RELEASE = "/api/v2/flags/alpha/checkout/release";
    private static final String PIPELINE = "/api/v2/projects/alpha/release-pipelines/";
    private static final String PHASES = "/api/v2/projects/alpha/flags/checkout/release/phases/";

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    FlagReleaseService flagReleases;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
        wireMock.stubFor(get(urlPathEqualTo(PIPELINE + "standard")).willReturn(okJson(pipeline("standard", true, "p1", "p2", "p3"))));
        wireMock.stubFor(get(urlPathEqualTo(PIPELINE + "guarded")).willReturn(okJson(pipeline("guarded", false, "p1", "p2", "p3"))));
    }

    @AfterEach
    void everyRequestFollowsTheContract() {
        LaunchDarklyStubs.assertEveryRequestFollowsTheContract(wireMock);
    }

    @Test
    void aLegacyPipelineGetsAJsonPatchAndNoPhaseStatusCall() {
        stubRelease("standard", "done", "started", "new");
        wireMock.stubFor(patch(urlPathEqualTo(RELEASE)).willReturn(okJson(release("standard", 5,
                phase("p1", "Dev", "done"), phase("p2", "Staging", "done"), phase("p3", "Prod", "new")))));

        CompleteReleasePhasePayload payload = complete(new PhaseRef.ByIndex(1), true);

        assertThat(payload.changed()).isTrue();
        assertThat(payload.phase().complete()).isTrue();
        assertThat(payload.release().version()).isEqualTo(5);
        wireMock.verify(1, patchRequestedFor(urlPathEqualTo(RELEASE))
                .withRequestBody(equalToJson("[{\"op\":\"replace\",\"path\":\"/phases/1/complete\",\"value\":true}]")));
        wireMock.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void aLegacyPhaseCanBeMarkedIncompleteAgain() {
        stubRelease("standard", "done", "new", "new");
        wireMock.stubFor(patch(urlPathEqualTo(RELEASE)).willReturn(okJson(release("standard", 6,
                phase("p1", "Dev", "started"), phase("p2", "Staging", "new"), phase("p3", "Prod", "new")))));

        CompleteReleasePhasePayload payload = complete(new PhaseRef.ById("p1"), false);

        assertThat(payload.phase().complete()).isFalse();
        wireMock.verify(1, patchRequestedFor(urlPathEqualTo(RELEASE))
                .withRequestBody(equalToJson("[{\"op\":\"replace\",\"path\":\"/phases/0/complete\",\"value\":false}]")));
    }

    @Test
    void aNewPipelinesPhaseThatHasNotStartedIsStartedThenCompleted() {
        stubRelease("guarded", "done", "new", "new");
        wireMock.stubFor(put(urlPathEqualTo(PHASES + "p2")).willReturn(okJson(release("guarded", 7,
                phase("p1", "Testing", "done"), phase("p2", "Beta", "done"), phase("p3", "GA", "new")))));

        CompleteReleasePhasePayload payload = complete(new PhaseRef.ById("p2"), true);

        assertThat(payload.phase().complete()).isTrue();
        assertThat(payload.release().currentPhase()).map(p -> p.phaseId()).contains("p3");
        // WireMock lists the newest request first
        List<String> bodies = new ArrayList<>(wireMock.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getMethod().getName().equals("PUT"))
                .map(ServeEvent::getRequest).map(request -> request.getBodyAsString()).toList());
        Collections.reverse(bodies);
        assertThat(bodies).containsExactly("{\"status\":\"active\"}", "{\"status\":\"completed\"}");
        wireMock.verify(0, patchRequestedFor(anyUrl()));
    }

    @Test
    void aNewPipelinesStartedPhaseIsOnlyCompleted() {
        stubRelease("guarded", "done", "started", "new");
        wireMock.stubFor(put(urlPathEqualTo(PHASES + "p2")).willReturn(okJson(release("guarded", 7,
                phase("p1", "Testing", "done"), phase("p2", "Beta", "done"), phase("p3", "GA", "new")))));

        complete(new PhaseRef.ByIndex(1), true);

        wireMock.verify(1, putRequestedFor(urlPathEqualTo(PHASES + "p2")).withRequestBody(equalToJson("{\"status\":\"completed\"}")));
        wireMock.verify(1, putRequestedFor(anyUrl()));
    }

    @Test
    void aPhaseWhoseEarlierPhasesAreNotCompleteIsAConflictAndChangesNothing() {
        stubRelease("guarded", "done", "started", "new");

        assertThatThrownBy(() -> complete(new PhaseRef.ByIndex(2), true))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.getMessage()).contains("Beta"));
        assertNoWrites();
    }

    @Test
    void aNewPipelineCannotReopenAPhase() {
        stubRelease("guarded", "done", "new", "new");

        assertThatThrownBy(() -> complete(new PhaseRef.ByIndex(0), false)).isInstanceOf(ConflictException.class);
        assertNoWrites();
    }

    @Test
    void aPhaseAlreadyAsAskedChangesNothingUpstream() {
        stubRelease("standard", "done", "started", "new");

        CompleteReleasePhasePayload payload = complete(new PhaseRef.ByIndex(0), true);

        assertThat(payload.changed()).isFalse();
        assertThat(payload.release().status()).isEqualTo(ReleaseStatus.IN_PROGRESS);
        assertNoWrites();
    }

    @Test
    void anUnknownPhaseIsAValidationErrorNamingTheArgument() {
        stubRelease("standard", "done", "started", "new");

        assertThatThrownBy(() -> complete(new PhaseRef.ByIndex(3), true)).isInstanceOfSatisfying(
                ValidationException.class, e -> assertThat(e.field()).contains("phaseIndex"));
        assertThatThrownBy(() -> complete(new PhaseRef.ByIndex(-1), true)).isInstanceOfSatisfying(
                ValidationException.class, e -> assertThat(e.field()).contains("phaseIndex"));
        assertThatThrownBy(() -> complete(new PhaseRef.ById("nope"), true)).isInstanceOfSatisfying(
                ValidationException.class, e -> assertThat(e.field()).contains("phaseId"));
        assertNoWrites(3);
    }

    @Test
    void aFlagWithoutAReleaseIsNotFound() {
        wireMock.stubFor(get(urlPathEqualTo(RELEASE)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(error("not_found", "no release"))));

        assertThatThrownBy(() -> complete(new PhaseRef.ByIndex(0), true)).isInstanceOf(NotFoundException.class);
        assertNoWrites();
    }

    private CompleteReleasePhasePayload complete(PhaseRef phase, boolean complete) {
        return flagReleases.completePhase("alpha", "checkout", phase, complete).await().atMost(WAIT);
    }

    private void stubRelease(String pipelineKey, String first, String second, String third) {
        wireMock.stubFor(get(urlPathEqualTo(RELEASE)).willReturn(okJson(release(pipelineKey, 4,
                phase("p1", "Testing", first), phase("p2", "Beta", second), phase("p3", "GA", third)))));
    }

    private void assertNoWrites() {
        assertNoWrites(1);
    }

    /** Nothing written to LaunchDarkly, and the release read once per attempt. */
    private void assertNoWrites(int releaseReads) {
        wireMock.verify(0, patchRequestedFor(anyUrl()));
        wireMock.verify(0, putRequestedFor(anyUrl()));
        wireMock.verify(releaseReads, getRequestedFor(urlPathEqualTo(RELEASE)));
    }
}
