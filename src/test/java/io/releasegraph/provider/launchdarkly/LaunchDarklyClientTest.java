package io.releasegraph.provider.launchdarkly;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.releasegraph.support.LaunchDarklyStubs.T0;
import static io.releasegraph.support.LaunchDarklyStubs.collection;
import static io.releasegraph.support.LaunchDarklyStubs.error;
import static io.releasegraph.support.LaunchDarklyStubs.phase;
import static io.releasegraph.support.LaunchDarklyStubs.pipeline;
import static io.releasegraph.support.LaunchDarklyStubs.progressions;
import static io.releasegraph.support.LaunchDarklyStubs.release;
import static io.releasegraph.support.LaunchDarklyStubs.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.support.CleanSlate;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.domain.FlagRelease;
import io.releasegraph.domain.Release;
import io.releasegraph.domain.ReleasePhase;
import io.releasegraph.domain.ReleasePhaseStatus;
import io.releasegraph.domain.ReleasePipeline;
import io.releasegraph.domain.ReleasePipelineProgress;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.domain.ReleaseStatus;
import io.releasegraph.error.UpstreamErrorException;
import io.releasegraph.error.UpstreamRateLimitedException;
import io.releasegraph.support.InjectWireMock;
import io.releasegraph.support.LaunchDarklyOpenApi;
import io.releasegraph.support.LaunchDarklyStubs;
import io.releasegraph.support.LaunchDarklyWireMock;

/** Every LaunchDarkly call the gateway makes, checked on the wire and against the vendor's OpenAPI. */
@QuarkusTest
@WithTestResource(LaunchDarklyWireMock.class)
@TestProfile(LaunchDarklyStubs.Profile.class)
class LaunchDarklyClientTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String RELEASE = "/api/v2/flags/alpha/checkout/release";
    private static final String PIPELINES = "/api/v2/projects/alpha/release-pipelines";

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    LaunchDarklyClient launchDarkly;

    @Inject
    CleanSlate cleanSlate;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
        // the client reads through the cache, and each test stubs LaunchDarkly afresh
        cleanSlate.clearCache();
    }

    @AfterEach
    void everyRequestFollowsTheContract() {
        LaunchDarklyStubs.assertEveryRequestFollowsTheContract(wireMock);
    }

    @Test
    void readsAFlagReleaseWithTheRawTokenAndTheBetaHeader() {
        wireMock.stubFor(get(urlPathEqualTo(RELEASE)).willReturn(okJson(release("standard", 4,
                phase("p1", "Development", "done"), phase("p2", "Staging", "started"), phase("p3", "Production", "new")))));

        FlagRelease release = launchDarkly.fetchFlagRelease("alpha", "checkout").await().atMost(WAIT).orElseThrow();

        assertThat(release.source()).isEqualTo(ReleaseSource.LAUNCHDARKLY);
        assertThat(release.name()).isEqualTo("checkout");
        assertThat(release.pipelineKey()).isEqualTo("standard");
        assertThat(release.status()).isEqualTo(ReleaseStatus.IN_PROGRESS);
        assertThat(release.version()).isEqualTo(4);
        assertThat(release.createdAt().toInstant()).isEqualTo(Instant.ofEpochMilli(T0));
        assertThat(release.phases()).extracting(ReleasePhase::status).containsExactly(ReleasePhaseStatus.COMPLETED,
                ReleasePhaseStatus.ACTIVE, ReleasePhaseStatus.NOT_STARTED);
        assertThat(release.phases()).extracting(ReleasePhase::index).containsExactly(0, 1, 2);
        assertThat(release.currentPhase()).map(ReleasePhase::phaseId).contains("p2");
        ReleasePhase first = release.phases().get(0);
        assertThat(first.completedBy()).isEqualTo("ariel@acme.example");
        assertThat(first.completedAt().toInstant()).isEqualTo(Instant.ofEpochMilli(T0 + 2 * LaunchDarklyStubs.DAY));
        assertThat(first.audiences()).singleElement().satisfies(audience -> {
            assertThat(audience.environment().key()).isEqualTo("development");
            assertThat(audience.environment().color()).isEqualTo("F5A623");
            assertThat(audience.releaseStrategy()).isEqualTo("immediate-rollout");
            assertThat(audience.requireApproval()).isTrue();
            assertThat(audience.segments()).containsExactly("beta-testers");
        });
        wireMock.verify(1, getRequestedFor(urlPathEqualTo(RELEASE))
                .withHeader("Authorization", token())
                .withHeader("LD-API-Version", equalTo("beta")));
    }

    @Test
    void answersEmptyWhenTheFlagHasNoRelease() {
        wireMock.stubFor(get(urlPathEqualTo(RELEASE)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(error("not_found", "no release"))));

        assertThat(launchDarkly.fetchFlagRelease("alpha", "checkout").await().atMost(WAIT)).isEmpty();
    }

    @Test
    void walksPipelinePagesUntilTheTotalCount() {
        wireMock.stubFor(get(urlPathEqualTo(PIPELINES)).withQueryParam("offset", equalTo("0"))
                .willReturn(okJson(collection(3, pipeline("standard", true, "p1"), pipeline("guarded", false, "q1")))));
        wireMock.stubFor(get(urlPathEqualTo(PIPELINES)).withQueryParam("offset", equalTo("2"))
                .willReturn(okJson(collection(3, pipeline("hotfix", null, "h1")))));

        List<ReleasePipeline> pipelines = launchDarkly.fetchPipelines("alpha").await().atMost(WAIT);

        assertThat(pipelines).extracting(ReleasePipeline::key).containsExactly("standard", "guarded", "hotfix");
        // only a pipeline that says so is legacy
        assertThat(pipelines).extracting(ReleasePipeline::legacy).containsExactly(true, false, false);
        assertThat(pipelines.get(0).phases()).singleElement()
                .satisfies(phase -> assertThat(phase.audiences().get(0).environment().key()).isEqualTo("production"));
        wireMock.verify(2, getRequestedFor(urlPathEqualTo(PIPELINES)).withQueryParam("limit", equalTo("2")));
    }

    @Test
    void readsOnePipeline() {
        wireMock.stubFor(get(urlPathEqualTo(PIPELINES + "/standard")).willReturn(okJson(pipeline("standard", true, "p1"))));

        ReleasePipeline pipeline = launchDarkly.fetchPipeline("alpha", "standard").await().atMost(WAIT).orElseThrow();

        assertThat(pipeline.legacy()).isTrue();
        assertThat(pipeline.projectKey()).isEqualTo("alpha");
        assertThat(pipeline.tags()).containsExactly("t");
    }

    @Test
    void walksProgressionsAndKeepsTheCountsAndTheFlags() {
        String phases = "{\"_id\":\"p1\",\"name\":\"Dev\",\"releaseCount\":2},{\"_id\":\"p2\",\"name\":\"Prod\",\"releaseCount\":0}";
        wireMock.stubFor(get(urlPathEqualTo(PIPELINES + "/standard/releases")).withQueryParam("offset", equalTo("0"))
                .willReturn(okJson(progressions(2, 1, 3, List.of("a", "b"), phases))));
        wireMock.stubFor(get(urlPathEqualTo(PIPELINES + "/standard/releases")).withQueryParam("offset", equalTo("2"))
                .willReturn(okJson(progressions(2, 1, 3, List.of("c"), phases))));

        ReleasePipelineProgress progress = launchDarkly.fetchProgress("alpha", "standard").await().atMost(WAIT);

        assertThat(progress.activeCount()).isEqualTo(2);
        assertThat(progress.completedCount()).isEqualTo(1);
        assertThat(progress.totalCount()).isEqualTo(3);
        assertThat(progress.phases()).extracting(p -> p.phaseId() + "=" + p.releaseCount()).containsExactly("p1=2", "p2=0");
        assertThat(progress.flagKeys()).containsExactly("a", "b", "c");
        wireMock.verify(2, getRequestedFor(urlPathEqualTo(PIPELINES + "/standard/releases"))
                .withQueryParam("limit", equalTo("2")));
    }

    @Test
    void marksALegacyPhaseWithAJsonPatch() {
        wireMock.stubFor(patch(urlPathEqualTo(RELEASE)).willReturn(okJson(release("standard", 5,
                phase("p1", "Development", "done"), phase("p2", "Staging", "done")))));

        FlagRelease updated = launchDarkly.markPhaseComplete("alpha", "checkout", 1, true).await().atMost(WAIT);

        assertThat(updated.status()).isEqualTo(ReleaseStatus.COMPLETED);
        wireMock.verify(1, patchRequestedFor(urlPathEqualTo(RELEASE))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("[{\"op\":\"replace\",\"path\":\"/phases/1/complete\",\"value\":true}]")));
    }

    @Test
    void movesANewPipelinePhaseWithThePhaseStatusCall() {
        String phasePath = "/api/v2/projects/alpha/flags/checkout/release/phases/p2";
        wireMock.stubFor(put(urlPathEqualTo(phasePath)).willReturn(okJson(release("guarded", 6,
                phase("p1", "Testing", "done"), phase("p2", "Beta", "started")))));

        launchDarkly.startPhase("alpha", "checkout", "p2").await().atMost(WAIT);
        launchDarkly.completeStartedPhase("alpha", "checkout", "p2").await().atMost(WAIT);

        wireMock.verify(1, putRequestedFor(urlPathEqualTo(phasePath))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"status\":\"active\"}")));
        wireMock.verify(1, putRequestedFor(urlPathEqualTo(phasePath))
                .withRequestBody(equalToJson("{\"status\":\"completed\"}")));
    }

    @Test
    void retriesOnceAfterA429WithinTheBound() {
        wireMock.stubFor(get(urlPathEqualTo(RELEASE)).inScenario("limit").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json").withBody(error("rate_limited", "slow down")))
                .willSetStateTo("window reset"));
        wireMock.stubFor(get(urlPathEqualTo(RELEASE)).inScenario("limit").whenScenarioStateIs("window reset")
                .willReturn(okJson(release("standard", 1, phase("p1", "Development", "new")))));

        long start = System.nanoTime();
        FlagRelease release = launchDarkly.fetchFlagRelease("alpha", "checkout").await().atMost(WAIT).orElseThrow();

        assertThat(release.status()).isEqualTo(ReleaseStatus.NOT_STARTED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        wireMock.verify(2, getRequestedFor(urlPathEqualTo(RELEASE)));
    }

    @Test
    void retriesAWriteWhenOnlyTheResetTimeIsGiven() {
        long resetAt = System.currentTimeMillis() + 800;
        wireMock.stubFor(patch(urlPathEqualTo(RELEASE)).inScenario("reset").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("X-Ratelimit-Reset", String.valueOf(resetAt))
                        .withHeader("X-Ratelimit-Route-Remaining", "0"))
                .willSetStateTo("window reset"));
        wireMock.stubFor(patch(urlPathEqualTo(RELEASE)).inScenario("reset").whenScenarioStateIs("window reset")
                .willReturn(okJson(release("standard", 2, phase("p1", "Development", "done")))));

        FlagRelease release = launchDarkly.markPhaseComplete("alpha", "checkout", 0, true).await().atMost(WAIT);

        assertThat(release.status()).isEqualTo(ReleaseStatus.COMPLETED);
        assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(resetAt);
        wireMock.verify(2, patchRequestedFor(urlPathEqualTo(RELEASE)));
    }

    @Test
    void givesUpAtOnceWhenTheWaitIsBeyondTheBound() {
        wireMock.stubFor(get(urlPathEqualTo(RELEASE)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "120").withHeader("Content-Type", "application/json")
                .withBody(error("rate_limited", "slow down"))));

        assertThatThrownBy(() -> launchDarkly.fetchFlagRelease("alpha", "checkout").await().atMost(WAIT))
                .isInstanceOfSatisfying(UpstreamRateLimitedException.class, e -> {
                    assertThat(e.retryAfterSeconds()).isEqualTo(120);
                    assertThat(e.upstream()).contains("launchdarkly");
                });
        wireMock.verify(1, getRequestedFor(urlPathEqualTo(RELEASE)));
    }

    @Test
    void givesUpWhenTheRetriesAreSpent() {
        wireMock.stubFor(get(urlPathEqualTo(RELEASE)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "1")));

        assertThatThrownBy(() -> launchDarkly.fetchFlagRelease("alpha", "checkout").await().atMost(WAIT))
                .isInstanceOfSatisfying(UpstreamRateLimitedException.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(1));
        // the profile allows one retry
        wireMock.verify(2, getRequestedFor(urlPathEqualTo(RELEASE)));
    }

    @Test
    void listsTheReleasesOfEveryConfiguredProjectThroughThePipelinesProgressions() {
        wireMock.stubFor(get(urlPathEqualTo(PIPELINES)).willReturn(okJson(collection(2,
                pipeline("standard", true, "p1"), pipeline("guarded", false, "q1")))));
        wireMock.stubFor(get(urlPathEqualTo(PIPELINES + "/standard/releases"))
                .willReturn(okJson(progressions(1, 0, 1, List.of("older"), ""))));
        wireMock.stubFor(get(urlPathEqualTo(PIPELINES + "/guarded/releases"))
                .willReturn(okJson(progressions(1, 0, 1, List.of("newer"), ""))));
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/flags/alpha/older/release"))
                .willReturn(okJson(release("standard", 1, phase("p1", "Development", "started")))));
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/flags/alpha/newer/release")).willReturn(okJson(
                release("guarded", 1, phase("q1", "Testing", "new")).replace(String.valueOf(T0),
                        String.valueOf(T0 + 5 * LaunchDarklyStubs.DAY)))));
        // the second configured project does not exist: it is skipped, not an error
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/projects/ghost/release-pipelines")).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/json").withBody(error("not_found", "no project"))));

        List<Release> releases = launchDarkly.listReleases().await().atMost(WAIT);

        assertThat(releases).extracting(Release::name).containsExactly("newer", "older");
        assertThat(releases).extracting(Release::status).containsExactly(ReleaseStatus.NOT_STARTED,
                ReleaseStatus.IN_PROGRESS);
        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/flags/alpha/older/release")));
    }

    @Test
    void mapsA5xxWithoutTheUpstreamBody() {
        wireMock.stubFor(get(urlPathEqualTo(RELEASE)).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "application/json").withBody(error("internal", "internal detail"))));

        assertThatThrownBy(() -> launchDarkly.fetchFlagRelease("alpha", "checkout").await().atMost(WAIT))
                .isInstanceOfSatisfying(UpstreamErrorException.class, e -> {
                    assertThat(e.httpStatus()).contains(502);
                    assertThat(e.getMessage()).doesNotContain("internal detail").doesNotContain(LaunchDarklyStubs.TOKEN);
                });
    }

    /** The contract check has teeth: what the spec forbids is reported, so the check after each test can fail. */
    @Test
    void theContractCheckRejectsRequestsTheSpecForbids() {
        Map<String, String> json = Map.of("Content-Type", "application/json");
        assertThat(LaunchDarklyOpenApi.requestProblems("PATCH", RELEASE, json,
                "{\"op\":\"replace\",\"path\":\"/phases/0/complete\",\"value\":true}")).isNotEmpty();
        assertThat(LaunchDarklyOpenApi.requestProblems("PUT", "/api/v2/projects/alpha/flags/checkout/release/phases/p1",
                json, "{\"status\":\"active\",\"phase\":1}")).isNotEmpty();
        assertThat(LaunchDarklyOpenApi.requestProblems("GET", PIPELINES + "?limit=many", Map.of(), null)).isNotEmpty();
        assertThat(LaunchDarklyOpenApi.requestProblems("GET", "/api/v2/flags/alpha/checkout/releases", Map.of(), null))
                .isNotEmpty();
    }
}
