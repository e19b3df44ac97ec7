package io.releasegraph.graphql;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;

/** activateRelease and deactivateRelease: exactly one active release per deployment, or none. */
@QuarkusTest
class ReleaseActivationTest {

    @Test
    void activatingMovesTheSingleActiveFlag() {
        // Sales ETL: releases 1, 2, 3; 3 is active.
        var payload = GraphQLClient.post("activateRelease", Map.of("releaseId", Ids.deploymentRelease(1)))
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.activateRelease.activeRelease.id", equalTo(Ids.deploymentRelease(1)))
                .body("data.activateRelease.activeRelease.status", equalTo("ACTIVE"))
                .body("data.activateRelease.deactivatedRelease.id", equalTo(Ids.deploymentRelease(3)))
                .body("data.activateRelease.deactivatedRelease.active", equalTo(false))
                .body("data.activateRelease.deployment.activeRelease.id", equalTo(Ids.deploymentRelease(1)))
                .extract().jsonPath();
        List<Boolean> active = payload.getList("data.activateRelease.deployment.releases.nodes.active");
        org.assertj.core.api.Assertions.assertThat(active).containsOnlyOnce(true);

        // A later read (a new request) sees the change too.
        GraphQLClient.post("deployment", Map.of("id", Ids.deployment(1))).statusCode(200)
                .body("data.deployment.activeRelease.id", equalTo(Ids.deploymentRelease(1)));
    }

    @Test
    void activatingInADeploymentWithoutAnActiveReleaseDeactivatesNothing() {
        // Finance Month-End Close: releases 10, 11, 12, none active.
        GraphQLClient.post("activateRelease", Map.of("releaseId", Ids.deploymentRelease(11))).statusCode(200)
                .body("errors", nullValue())
                .body("data.activateRelease.activeRelease.id", equalTo(Ids.deploymentRelease(11)))
                .body("data.activateRelease.deactivatedRelease", nullValue());
    }

    @Test
    void deactivatingLeavesTheDeploymentWithoutAnActiveRelease() {
        GraphQLClient.post("deactivateRelease", Map.of("releaseId", Ids.deploymentRelease(4))).statusCode(200)
                .body("errors", nullValue())
                .body("data.deactivateRelease.activeRelease", nullValue())
                .body("data.deactivateRelease.deactivatedRelease.id", equalTo(Ids.deploymentRelease(4)))
                .body("data.deactivateRelease.deactivatedRelease.status", equalTo("INACTIVE"))
                .body("data.deactivateRelease.deployment.activeRelease", nullValue());
    }

    @Test
    void refusesIdsOfTheWrongKindAndUnknownReleases() {
        GraphQLClient.post("activateRelease", Map.of("releaseId", Ids.deployment(1))).statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.field", equalTo("releaseId"));
        GraphQLClient.post("deactivateRelease", Map.of("releaseId", Ids.deploymentRelease(999))).statusCode(200)
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
    }
}
