package io.releasegraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.All;
import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.domain.GlobalId;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.provider.ReleaseProvider;
import io.releasegraph.sandbox.launchdarkly.LaunchDarklyRateLimiter;
import io.releasegraph.sandbox.launchdarkly.LaunchDarklyStore;
import io.releasegraph.support.CleanSlate;
import io.releasegraph.support.GraphQLClient;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** Flag releases, pipelines and the one phase mutation through {@code POST /graphql}, against the sandbox. */
@QuarkusTest
class FlagReleaseQueryTest {

    @Inject
    LaunchDarklyStore store;

    @Inject
    LaunchDarklyRateLimiter rateLimiter;

    @Inject
    @All
    List<ReleaseProvider> providers;

    @Inject
    CleanSlate cleanSlate;

    @BeforeEach
    void resetSandbox() {
        store.reset();
        rateLimiter.reset();
        // the sandbox was reset behind the gateway's back: forget what the cache holds of it
        cleanSlate.clearCache();
    }

    @Test
    void aFlagReleaseShowsItsPhasesWithTheirAudiencesAndItsPipeline() {
        JsonPath release = ok(flagRelease("web-app", "new-checkout-flow"));

        assertThat(release.getString("data.flagRelease.__typename")).isEqualTo("FlagRelease");
        assertThat(release.getString("data.flagRelease.source")).isEqualTo("LAUNCHDARKLY");
        assertThat(release.getString("data.flagRelease.name")).isEqualTo("new-checkout-flow");
        assertThat(release.getString("data.flagRelease.status")).isEqualTo("IN_PROGRESS");
        assertThat(release.getString("data.flagRelease.pipelineName")).isEqualTo("Standard rollout");
        assertThat(release.getList("data.flagRelease.phases.name")).containsExactly("Development", "Staging", "Production");
        assertThat(release.getList("data.flagRelease.phases.status")).containsExactly("COMPLETED", "ACTIVE", "NOT_STARTED");
        assertThat(release.getList("data.flagRelease.phases.index")).containsExactly(0, 1, 2);
        assertThat(release.getString("data.flagRelease.phases[0].completedBy")).isEqualTo("release.bot@releasegraph.example");
        assertThat(release.getString("data.flagRelease.phases[0].audiences[0].environment.key")).isEqualTo("development");
        assertThat(release.getString("data.flagRelease.phases[0].audiences[0].environment.color")).isEqualTo("7B42BC");
        assertThat(release.getString("data.flagRelease.phases[0].audiences[0].releaseStrategy")).isEqualTo("immediate-rollout");
        assertThat(release.getString("data.flagRelease.currentPhase.name")).isEqualTo("Staging");
        assertThat(release.getString("data.flagRelease.pipeline.key")).isEqualTo("standard-rollout");
        assertThat(release.getBoolean("data.flagRelease.pipeline.legacy")).isTrue();
        assertThat(release.getString("data.flagRelease.createdAt")).startsWith("2026-01-15T09:00");
    }

    @Test
    void aGuardedReleaseShowsApprovalsAndSegments() {
        JsonPath release = ok(flagRelease("web-app", "dark-mode"));

        assertThat(release.getBoolean("data.flagRelease.pipeline.legacy")).isFalse();
        assertThat(release.getString("data.flagRelease.phases[1].audiences[0].name")).isEqualTo("Beta testers");
        assertThat(release.getBoolean("data.flagRelease.phases[1].audiences[0].requireApproval")).isTrue();
        assertThat(release.getList("data.flagRelease.phases[1].audiences[0].segments")).containsExactly("beta-testers");
    }

    @Test
    void aFlagWithoutAReleaseIsNotFoundAndABadKeyIsInvalid() {
        flagRelease("web-app", "legacy-banner").statusCode(200).body("data.flagRelease", nullValue())
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"))
                .body("errors[0].extensions.upstream", equalTo("launchdarkly"));
        flagRelease("no-such-project", "dark-mode").statusCode(200)
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
        flagRelease("../trifacta", "dark-mode").statusCode(200)
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.field", equalTo("projectKey"));
    }

    @Test
    void releasePipelinesArePagedAndCarryTheirProgress() {
        JsonPath page = ok(GraphQLClient.post("releasePipelines", Map.of("projectKey", "web-app", "first", 2)));

        assertThat(page.getInt("data.releasePipelines.totalCount")).isEqualTo(3);
        assertThat(page.getBoolean("data.releasePipelines.pageInfo.hasNextPage")).isTrue();
        assertThat(page.getList("data.releasePipelines.nodes.key")).containsExactly("standard-rollout", "guarded-rollout");
        assertThat(page.getList("data.releasePipelines.nodes.legacy")).containsExactly(true, false);
        assertThat(page.getList("data.releasePipelines.nodes.isProjectDefault")).containsExactly(true, false);
        // standard-rollout: new-checkout-flow stands in Staging, recommendations-widget in Development
        assertThat(page.getInt("data.releasePipelines.nodes[0].progress.totalCount")).isEqualTo(2);
        assertThat(page.getInt("data.releasePipelines.nodes[0].progress.activeCount")).isEqualTo(2);
        assertThat(page.getList("data.releasePipelines.nodes[0].progress.phases.releaseCount")).containsExactly(1, 1, 0);
        // guarded-rollout: dark-mode in Beta, search-v2 complete
        assertThat(page.getInt("data.releasePipelines.nodes[1].progress.completedCount")).isEqualTo(1);
        assertThat(page.getList("data.releasePipelines.nodes[1].progress.phases.name"))
                .containsExactly("Testing", "Beta", "General availability");

        JsonPath next = ok(GraphQLClient.post("releasePipelines", Map.of("projectKey", "web-app", "first", 2,
                "after", page.getString("data.releasePipelines.pageInfo.endCursor"))));
        assertThat(next.getList("data.releasePipelines.nodes.key")).containsExactly("hotfix-fast-track");
        assertThat(next.getBoolean("data.releasePipelines.pageInfo.hasNextPage")).isFalse();
    }

    @Test
    void completesTheNextPhaseOfALegacyPipeline() {
        JsonPath done = ok(complete("web-app", "new-checkout-flow", 1, null));

        assertThat(done.getBoolean("data.completeReleasePhase.changed")).isTrue();
        assertThat(done.getString("data.completeReleasePhase.phase.name")).isEqualTo("Staging");
        assertThat(done.getString("data.completeReleasePhase.phase.status")).isEqualTo("COMPLETED");
        assertThat(done.getString("data.completeReleasePhase.phase.completedAt")).isNotBlank();
        assertThat(done.getString("data.completeReleasePhase.release.currentPhase.name")).isEqualTo("Production");
        // the change is LaunchDarkly's, not only the payload's
        JsonPath again = ok(flagRelease("web-app", "new-checkout-flow"));
        assertThat(again.getList("data.flagRelease.phases.complete")).containsExactly(true, true, false);
        assertThat(again.getInt("data.flagRelease.version"))
                .isEqualTo(done.getInt("data.completeReleasePhase.release.version"));
    }

    @Test
    void completesTheNextPhasesOfANewPipelineThroughTheSameMutation() {
        String beta = ok(flagRelease("web-app", "dark-mode")).getString("data.flagRelease.phases[1].phaseId");

        // Beta has started: completed by phase ID
        JsonPath betaDone = ok(complete("web-app", "dark-mode", null, beta));
        assertThat(betaDone.getString("data.completeReleasePhase.phase.status")).isEqualTo("COMPLETED");
        assertThat(betaDone.getString("data.completeReleasePhase.release.status")).isEqualTo("IN_PROGRESS");

        // General availability has not started: the gateway starts it, then completes it
        JsonPath gaDone = ok(complete("web-app", "dark-mode", 2, null));
        assertThat(gaDone.getBoolean("data.completeReleasePhase.phase.started")).isTrue();
        assertThat(gaDone.getString("data.completeReleasePhase.release.status")).isEqualTo("COMPLETED");
        assertThat(gaDone.getString("data.completeReleasePhase.release.currentPhase")).isNull();
        assertThat(ok(flagRelease("web-app", "dark-mode")).getList("data.flagRelease.phases.status"))
                .containsExactly("COMPLETED", "COMPLETED", "COMPLETED");
    }

    @Test
    void theMutationRejectsWhatItCannotDo() {
        assertError(complete("web-app", "new-checkout-flow", 1, "x"), "VALIDATION", "phaseId");
        assertError(complete("web-app", "new-checkout-flow", null, null), "VALIDATION", "phaseIndex");
        assertError(complete("web-app", "new-checkout-flow", 3, null), "VALIDATION", "phaseIndex");
        assertError(complete("web-app", "new-checkout-flow", null, "no-such-phase"), "VALIDATION", "phaseId");
        assertError(complete("web-app", "new-checkout-flow", 2, null), "CONFLICT", null);
        assertError(complete("web-app", "legacy-banner", 0, null), "NOT_FOUND", null);
        // nothing changed
        assertThat(ok(flagRelease("web-app", "new-checkout-flow")).getList("data.flagRelease.phases.complete"))
                .containsExactly(true, false, false);
    }

    @Test
    void releasesListsEverySourceTogether() {
        JsonPath all = ok(GraphQLClient.post("releases", Map.of("first", 100)));

        Set<String> sources = Set.copyOf(all.getList("data.releases.nodes.source"));
        assertThat(sources).isEqualTo(providers.stream().map(p -> p.source().name()).collect(Collectors.toSet()));
        assertThat(sources).contains("TRIFACTA", "LAUNCHDARKLY");
        assertThat(all.getList("data.releases.nodes.name")).contains("new-checkout-flow", "dark-mode", "search-v2",
                "recommendations-widget", "biometric-login", "offline-mode");

        JsonPath launchDarkly = ok(GraphQLClient.post("releases",
                Map.of("first", 100, "filter", Map.of("sources", List.of("LAUNCHDARKLY"), "statuses", List.of("COMPLETED")))));
        assertThat(launchDarkly.getList("data.releases.nodes.name")).containsExactly("search-v2");
        assertThat(launchDarkly.getList("data.releases.nodes.__typename")).containsOnly("FlagRelease");
    }

    @Test
    void nodeFetchesFlagReleasesAndPipelinesAgain() {
        String releaseId = ok(flagRelease("mobile-app", "offline-mode")).getString("data.flagRelease.id");
        String pipelineId = GlobalId.encode(ReleaseSource.LAUNCHDARKLY, "ReleasePipeline", "mobile-app/guarded-rollout");

        JsonPath release = ok(GraphQLClient.post("launchDarklyNode", Map.of("id", releaseId)));
        assertThat(release.getString("data.node.__typename")).isEqualTo("FlagRelease");
        assertThat(release.getString("data.node.flagKey")).isEqualTo("offline-mode");

        JsonPath pipeline = ok(GraphQLClient.post("launchDarklyNode", Map.of("id", pipelineId)));
        assertThat(pipeline.getString("data.node.__typename")).isEqualTo("ReleasePipeline");
        assertThat(pipeline.getBoolean("data.node.legacy")).isFalse();

        GraphQLClient.post("launchDarklyNode", Map.of("id",
                GlobalId.encode(ReleaseSource.LAUNCHDARKLY, "ReleasePipeline", "mobile-app/nope")))
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
    }

    private static ValidatableResponse flagRelease(String projectKey, String flagKey) {
        return GraphQLClient.post("flagRelease", Map.of("projectKey", projectKey, "flagKey", flagKey));
    }

    private static ValidatableResponse complete(String projectKey, String flagKey, Integer phaseIndex, String phaseId) {
        Map<String, Object> variables = new HashMap<>(Map.of("projectKey", projectKey, "flagKey", flagKey));
        if (phaseIndex != null) {
            variables.put("phaseIndex", phaseIndex);
        }
        if (phaseId != null) {
            variables.put("phaseId", phaseId);
        }
        return GraphQLClient.post("completeReleasePhase", variables);
    }

    private static JsonPath ok(ValidatableResponse response) {
        JsonPath json = response.statusCode(200).extract().jsonPath();
        assertThat(json.getList("errors")).as("errors of %s", json.prettify()).isNullOrEmpty();
        return json;
    }

    private static void assertError(ValidatableResponse response, String code, String field) {
        response.statusCode(200).body("errors[0].extensions.code", equalTo(code));
        if (field != null) {
            response.body("errors[0].extensions.field", equalTo(field));
        }
    }
}
