package io.releasegraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;

/** The Trifacta queries through POST /graphql, against the built-in sandbox over real HTTP. */
@QuarkusTest
class DeploymentQueriesTest {

    @Test
    void pagesThroughDeploymentsByName() {
        var first = GraphQLClient.post("deployments", Map.of("first", 4)).statusCode(200)
                .body("errors", nullValue())
                .body("data.deployments.totalCount", equalTo(6))
                .body("data.deployments.nodes", hasSize(4))
                .body("data.deployments.pageInfo.hasNextPage", equalTo(true))
                .body("data.deployments.pageInfo.hasPreviousPage", equalTo(false))
                .body("data.deployments.edges[0].node.name", equalTo("Customer 360"))
                .extract().jsonPath();
        String endCursor = first.getString("data.deployments.pageInfo.endCursor");

        GraphQLClient.post("deployments", Map.of("first", 4, "after", endCursor)).statusCode(200)
                .body("errors", nullValue())
                .body("data.deployments.nodes.name", contains("Sales ETL", "Supplier Scorecard"))
                .body("data.deployments.pageInfo.hasNextPage", equalTo(false))
                .body("data.deployments.pageInfo.hasPreviousPage", equalTo(true));
    }

    @Test
    void showsReleasesWithExactlyOneActiveOrNone() {
        var deployments = GraphQLClient.post("deployments", Map.of("first", 10)).statusCode(200)
                .body("errors", nullValue()).extract().jsonPath();
        List<Map<String, Object>> nodes = deployments.getList("data.deployments.nodes");
        for (Map<String, Object> deployment : nodes) {
            List<Map<String, Object>> releases = deployments.getList(
                    "data.deployments.nodes.find { it.name == '" + deployment.get("name") + "' }.releases.nodes");
            long active = releases.stream().filter(r -> Boolean.TRUE.equals(r.get("active"))).count();
            assertThat(active).as("active releases of %s", deployment.get("name")).isLessThanOrEqualTo(1);
            assertThat(deployment.get("activeRelease") == null).isEqualTo(active == 0);
        }
        assertThat(deployments.getString(
                "data.deployments.nodes.find { it.name == 'Finance Month-End Close' }.activeRelease")).isNull();
        assertThat(deployments.getInt("data.deployments.nodes.find { it.name == 'Supplier Scorecard' }.releaseCount"))
                .isZero();
        assertThat(deployments.getString(
                "data.deployments.nodes.find { it.name == 'Sales ETL' }.activeRelease.status")).isEqualTo("ACTIVE");
    }

    @Test
    void readsOneDeploymentByItsId() {
        GraphQLClient.post("deployment", Map.of("id", Ids.deployment(1))).statusCode(200)
                .body("errors", nullValue())
                .body("data.deployment.id", equalTo(Ids.deployment(1)))
                .body("data.deployment.name", equalTo("Sales ETL"))
                .body("data.deployment.releaseCount", equalTo(3))
                .body("data.deployment.releases.totalCount", equalTo(3))
                .body("data.deployment.releases.nodes[0].name", equalTo("Sales Daily Load v3"))
                .body("data.deployment.releases.nodes.source", everyItem(equalTo("TRIFACTA")))
                .body("data.deployment.activeRelease.id", equalTo(Ids.deploymentRelease(3)));
    }

    @Test
    void refusesAMalformedIdAndReportsAnUnknownOne() {
        GraphQLClient.post("deployment", Map.of("id", "not-an-id")).statusCode(200)
                .body("data.deployment", nullValue())
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.field", equalTo("id"));
        GraphQLClient.post("deployment", Map.of("id", Ids.deploymentRelease(1))).statusCode(200)
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
        GraphQLClient.post("deployment", Map.of("id", Ids.deployment(999))).statusCode(200)
                .body("data.deployment", nullValue())
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"))
                .body("errors[0].extensions.upstream", equalTo("trifacta"))
                .body("errors[0].extensions.http.status", equalTo(404));
    }

    @Test
    void refusesBadPagingArguments() {
        GraphQLClient.post("deployments", Map.of("first", 101)).statusCode(200)
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.field", equalTo("first"));
        GraphQLClient.post("deployments", Map.of("after", "bm90LWEtY3Vyc29y")).statusCode(200)
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.field", equalTo("after"));
    }

    @Test
    void fetchesEveryKindOfObjectThroughNode() {
        GraphQLClient.post("node", Map.of("id", Ids.deployment(2))).statusCode(200)
                .body("errors", nullValue())
                .body("data.node.__typename", equalTo("Deployment"))
                .body("data.node.name", equalTo("Marketing Attribution"));
        GraphQLClient.post("node", Map.of("id", Ids.deploymentRelease(4))).statusCode(200)
                .body("errors", nullValue())
                .body("data.node.__typename", equalTo("DeploymentRelease"))
                .body("data.node.active", equalTo(true))
                .body("data.node.deployment.name", equalTo("Marketing Attribution"));
        GraphQLClient.post("node", Map.of("id", Ids.jobGroup(1))).statusCode(200)
                .body("errors", nullValue())
                .body("data.node.__typename", equalTo("JobGroup"))
                .body("data.node.status", equalTo("COMPLETE"));
        GraphQLClient.post("node", Map.of("id", "%%%")).statusCode(200)
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
    }

    @Test
    void readsAReleaseWithItsDeployment() {
        GraphQLClient.post("release", Map.of("id", Ids.deploymentRelease(10))).statusCode(200)
                .body("errors", nullValue())
                .body("data.release.__typename", equalTo("DeploymentRelease"))
                .body("data.release.source", equalTo("TRIFACTA"))
                .body("data.release.name", equalTo("GL Reconciliation"))
                .body("data.release.status", equalTo("INACTIVE"))
                .body("data.release.active", equalTo(false))
                .body("data.release.packageUuid", equalTo("6ae1c182-88ab-4b88-a5d6-56badd342377"))
                .body("data.release.deployment.name", equalTo("Finance Month-End Close"))
                .body("data.release.cache.stale", equalTo(false));
        GraphQLClient.post("release", Map.of("id", Ids.deploymentRelease(404))).statusCode(200)
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
    }

    @Test
    void listsReleasesAcrossSourcesWithAFilter() {
        Map<String, Object> filter = new HashMap<>();
        filter.put("sources", List.of("TRIFACTA"));
        filter.put("statuses", List.of("ACTIVE"));
        GraphQLClient.post("releases", Map.of("filter", filter, "first", 50)).statusCode(200)
                .body("errors", nullValue())
                .body("data.releases.totalCount", equalTo(4))
                .body("data.releases.nodes.status", everyItem(equalTo("ACTIVE")))
                .body("data.releases.nodes.__typename", everyItem(equalTo("DeploymentRelease")));
        GraphQLClient.post("releases", Map.of("filter", Map.of("search", "warehouse"), "first", 50)).statusCode(200)
                .body("errors", nullValue())
                .body("data.releases.totalCount", equalTo(4));
    }

    @Test
    void readsAJobGroupWithItsJobsAndDeployment() {
        GraphQLClient.post("jobGroup", Map.of("id", Ids.jobGroup(2))).statusCode(200)
                .body("errors", nullValue())
                .body("data.jobGroup.status", equalTo("FAILED"))
                .body("data.jobGroup.jobs", hasSize(notNullValue() == null ? 0 : 3))
                .body("data.jobGroup.deployment.name", equalTo("Sales ETL"));
        GraphQLClient.post("jobGroup", Map.of("id", Ids.jobGroup(999))).statusCode(200)
                .body("data.jobGroup", nullValue())
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
    }
}
