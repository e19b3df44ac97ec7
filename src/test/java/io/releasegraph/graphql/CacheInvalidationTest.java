package io.releasegraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.sandbox.cryptlex.CryptlexSeed;
import io.releasegraph.sandbox.launchdarkly.LaunchDarklyStore;
import io.releasegraph.support.CleanSlate;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.Zips;

/**
 * Every mutation evicts exactly what it changes: after each, the very next ordinary read (no {@code no-cache})
 * shows the change, although every object it touches was cached just before.
 */
@QuarkusTest
class CacheInvalidationTest {

    @Inject
    CleanSlate cleanSlate;

    @Inject
    LaunchDarklyStore launchDarkly;

    @BeforeEach
    void startClean() {
        cleanSlate.reset();
        launchDarkly.reset();
    }

    @Test
    void activateReleaseEvictsBothReleasesTheDeploymentAndTheLists() {
        // Marketing Attribution: release 4 active, 5 not
        warmTrifacta(2, 4, 5);

        GraphQLClient.post("activateRelease", Map.of("releaseId", Ids.deploymentRelease(5))).statusCode(200)
                .body("errors", nullValue());

        assertActive(2, 5);
        assertReleaseActive(5, true);
        assertReleaseActive(4, false);
        assertListsShowActive(2, 5, 4);
    }

    @Test
    void deactivateReleaseEvictsTheReleaseTheDeploymentAndTheLists() {
        warmTrifacta(2, 4, 5);

        GraphQLClient.post("deactivateRelease", Map.of("releaseId", Ids.deploymentRelease(4))).statusCode(200)
                .body("errors", nullValue());

        GraphQLClient.post("deploymentCache", Map.of("id", Ids.deployment(2))).statusCode(200)
                .body("data.deployment.activeRelease", nullValue());
        assertReleaseActive(4, false);
        List<Boolean> active = GraphQLClient.post("trifactaReleases", trifactaOnly()).statusCode(200)
                .extract().path("data.releases.nodes.findAll { it.id == '" + Ids.deploymentRelease(4) + "' }.active");
        assertThat(active).containsExactly(false);
    }

    @Test
    void importReleaseEvictsTheDeploymentAndTheLists() {
        // Sales ETL: releases 1, 2, 3; 3 active
        warmTrifacta(1, 3, 1);

        String imported = ImportReleaseTest.upload(Ids.deployment(1), false, "package.zip",
                Zips.flowPackage("Sales Hourly Load")).statusCode(200).body("errors", nullValue())
                .extract().path("data.importRelease.release.id");

        GraphQLClient.post("deploymentCache", Map.of("id", Ids.deployment(1))).statusCode(200)
                .body("data.deployment.releaseCount", equalTo(4))
                .body("data.deployment.activeRelease.id", equalTo(imported));
        assertReleaseActive(3, false);
        List<String> ids = GraphQLClient.post("trifactaReleases", trifactaOnly()).statusCode(200)
                .extract().path("data.releases.nodes.id");
        assertThat(ids).contains(imported);
    }

    @Test
    void runDeploymentShowsTheNewRunOnTheNextRead() {
        GraphQLClient.post("deployment", Map.of("id", Ids.deployment(3))).statusCode(200)
                .body("data.deployment.runs.totalCount", equalTo(0));

        Map<String, Object> run = new HashMap<>();
        run.put("deploymentId", Ids.deployment(3));
        run.put("parameters", List.of());
        run.put("idempotencyKey", null);
        String jobGroup = GraphQLClient.post("runDeployment", run).statusCode(200).body("errors", nullValue())
                .extract().path("data.runDeployment.jobGroup.id");

        GraphQLClient.post("deployment", Map.of("id", Ids.deployment(3))).statusCode(200)
                .body("data.deployment.runs.totalCount", equalTo(1))
                .body("data.deployment.runs.nodes[0].id", equalTo(jobGroup));
    }

    @Test
    void completeReleasePhaseEvictsTheFlagReleaseAndTheReleaseList() {
        Map<String, Object> flag = Map.of("projectKey", "web-app", "flagKey", "new-checkout-flow");
        GraphQLClient.post("flagRelease", flag).statusCode(200)
                .body("data.flagRelease.phases.complete", equalTo(List.of(true, false, false)));
        GraphQLClient.post("releases", Map.of("filter", Map.of("sources", List.of("LAUNCHDARKLY")))).statusCode(200)
                .body("errors", nullValue());

        Map<String, Object> complete = new HashMap<>(flag);
        complete.put("phaseIndex", 1);
        GraphQLClient.post("completeReleasePhase", complete).statusCode(200).body("errors", nullValue());

        GraphQLClient.post("flagRelease", flag).statusCode(200)
                .body("data.flagRelease.phases.complete", equalTo(List.of(true, true, false)))
                .body("data.flagRelease.currentPhase.name", equalTo("Production"));
    }

    @Test
    void updateProductReleaseEvictsTheReleaseAndEveryFilteredList() {
        String id = Ids.productRelease(CryptlexSeed.STUDIO_2_5_1_BETA);
        warmCryptlex(id);

        GraphQLClient.post("updateProductRelease", Map.of("id", id, "input", Map.of("notes", "Edited through the gateway")))
                .statusCode(200).body("errors", nullValue());

        assertCryptlexShows(id, "notes", "Edited through the gateway");
    }

    @Test
    void publishProductReleaseEvictsTheReleaseAndEveryFilteredList() {
        String id = Ids.productRelease(CryptlexSeed.STUDIO_2_5_1_BETA);
        warmCryptlex(id);

        GraphQLClient.post("publishProductRelease", Map.of("id", id)).statusCode(200).body("errors", nullValue());

        assertCryptlexShows(id, "published", true);
    }

    /** The release itself, the whole list and two filtered lists that hold it, all cached. */
    private static void warmCryptlex(String id) {
        GraphQLClient.post("productRelease", Map.of("id", id)).statusCode(200).body("errors", nullValue());
        for (Map<String, Object> filter : PRODUCT_FILTERS) {
            GraphQLClient.post("productReleases", filter).statusCode(200).body("errors", nullValue())
                    .body("data.productReleases.nodes.id", org.hamcrest.Matchers.hasItem(id));
        }
    }

    private static void assertCryptlexShows(String id, String field, Object value) {
        if (!"notes".equals(field)) {
            GraphQLClient.post("productRelease", Map.of("id", id)).statusCode(200)
                    .body("data.release." + field, equalTo(value));
        }
        for (Map<String, Object> filter : PRODUCT_FILTERS) {
            GraphQLClient.post("productReleases", filter).statusCode(200).body("errors", nullValue())
                    .body("data.productReleases.nodes.find { it.id == '" + id + "' }." + field, equalTo(value));
        }
    }

    private static final List<Map<String, Object>> PRODUCT_FILTERS = List.of(Map.of("first", 50),
            Map.of("channel", "beta", "first", 50), Map.of("productId", CryptlexSeed.STUDIO_PRODUCT_ID, "first", 50));

    /** Caches the deployment, both releases, and both lists, as a frontend showing them would. */
    private static void warmTrifacta(long deployment, long release, long other) {
        GraphQLClient.post("deploymentCache", Map.of("id", Ids.deployment(deployment))).statusCode(200)
                .body("errors", nullValue());
        GraphQLClient.post("deploymentsCache", Map.of()).statusCode(200).body("errors", nullValue());
        GraphQLClient.post("trifactaReleases", trifactaOnly()).statusCode(200).body("errors", nullValue());
        assertReleaseActive(release, true);
        GraphQLClient.post("release", Map.of("id", Ids.deploymentRelease(other))).statusCode(200)
                .body("errors", nullValue());
    }

    private static void assertActive(long deployment, long release) {
        GraphQLClient.post("deploymentCache", Map.of("id", Ids.deployment(deployment))).statusCode(200)
                .body("data.deployment.activeRelease.id", equalTo(Ids.deploymentRelease(release)));
    }

    private static void assertReleaseActive(long release, boolean active) {
        GraphQLClient.post("release", Map.of("id", Ids.deploymentRelease(release))).statusCode(200)
                .body("errors", nullValue())
                .body("data.release.active", equalTo(active));
    }

    private static void assertListsShowActive(long deployment, long active, long inactive) {
        GraphQLClient.post("deploymentsCache", Map.of()).statusCode(200)
                .body("data.deployments.nodes.find { it.id == '" + Ids.deployment(deployment) + "' }.activeRelease.id",
                        equalTo(Ids.deploymentRelease(active)));
        Map<String, Boolean> byId = new HashMap<>();
        List<Map<String, Object>> nodes = GraphQLClient.post("trifactaReleases", trifactaOnly()).statusCode(200)
                .extract().path("data.releases.nodes");
        nodes.forEach(node -> byId.put((String) node.get("id"), (Boolean) node.get("active")));
        assertThat(byId).containsEntry(Ids.deploymentRelease(active), true)
                .containsEntry(Ids.deploymentRelease(inactive), false);
    }

    private static Map<String, Object> trifactaOnly() {
        return Map.of("filter", Map.of("sources", List.of("TRIFACTA")));
    }
}
