package io.releasegraph.graphql;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.InjectWireMock;
import io.releasegraph.support.TrifactaWireMock;
import io.releasegraph.store.RunHistory;

/** A page of a deployment's runs costs the same with 500 recorded runs as with 5: the store pages and counts. */
@QuarkusTest
@TestProfile(ExactlyOnceProfile.class) // shares the boot of ExactlyOnceRunTest
@WithTestResource(TrifactaWireMock.class)
class RunsHistoryCostTest {

    private static final int RUNS = 500;
    private static final String DEPLOYMENT_7 = "{\"id\":7,\"name\":\"Finance\",\"createdAt\":\"2025-01-01T10:00:00.000Z\","
            + "\"updatedAt\":\"2025-02-01T10:00:00.000Z\",\"numReleases\":0,\"releases\":{\"data\":[]}}";

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    RunHistory history;

    @BeforeEach
    void fiveHundredRuns() {
        wireMock.resetAll();
        wireMock.stubFor(get(urlPathEqualTo("/v4/deployments/7")).willReturn(okJson(DEPLOYMENT_7)));
        for (int id = 1; id <= RUNS; id++) {
            history.record(id, 7, List.of(), null).await().atMost(Duration.ofSeconds(10));
            wireMock.stubFor(get(urlPathEqualTo("/v4/jobGroups/" + id)).willReturn(okJson("{\"id\":" + id
                    + ",\"status\":\"Complete\",\"deployment\":{\"id\":7},\"jobs\":{\"data\":[]}}")));
        }
    }

    @Test
    void aPageReadsOnlyItsJobGroupsAndCountsInTheStore() {
        String endCursor = GraphQLClient.post("deploymentRuns", variables(5, null)).statusCode(200)
                .body("errors", nullValue())
                .body("data.deployment.runs.totalCount", equalTo(RUNS))
                .body("data.deployment.runs.pageInfo.hasNextPage", equalTo(true))
                .body("data.deployment.runs.edges.node.id", contains(ids(500, 496)))
                .extract().path("data.deployment.runs.pageInfo.endCursor");
        wireMock.verify(5, getRequestedFor(urlPathMatching("/v4/jobGroups/.*")));

        GraphQLClient.post("deploymentRuns", variables(5, endCursor)).statusCode(200)
                .body("errors", nullValue())
                .body("data.deployment.runs.totalCount", equalTo(RUNS))
                .body("data.deployment.runs.pageInfo.hasPreviousPage", equalTo(true))
                .body("data.deployment.runs.edges.node.id", contains(ids(495, 491)));
        wireMock.verify(10, getRequestedFor(urlPathMatching("/v4/jobGroups/.*")));

        // finished job groups never change: the first page again reads nothing upstream
        GraphQLClient.post("deploymentRuns", variables(5, null)).statusCode(200)
                .body("data.deployment.runs.edges.node.id", contains(ids(500, 496)));
        wireMock.verify(10, getRequestedFor(urlPathMatching("/v4/jobGroups/.*")));
    }

    @Test
    void theLastPageEndsAndAForeignCursorIsRefused() {
        String cursor = null;
        int seen = 0;
        for (int page = 0; page < 6; page++) {
            var response = GraphQLClient.post("deploymentRuns", variables(100, cursor)).statusCode(200)
                    .body("errors", nullValue()).extract();
            List<String> ids = response.path("data.deployment.runs.edges.node.id");
            seen += ids.size();
            cursor = response.path("data.deployment.runs.pageInfo.endCursor");
            if (!(Boolean) response.path("data.deployment.runs.pageInfo.hasNextPage")) {
                break;
            }
        }
        assertThat(seen).isEqualTo(RUNS);

        GraphQLClient.post("deploymentRuns", variables(5, "b2Zmc2V0OjU")).statusCode(200)
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.field", equalTo("after"));
    }

    private static Object[] ids(int from, int downTo) {
        return IntStream.rangeClosed(downTo, from).map(i -> from + downTo - i).mapToObj(Ids::jobGroup).toArray();
    }

    private static Map<String, Object> variables(int first, String after) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("id", Ids.deployment(7));
        variables.put("first", first);
        variables.put("after", after);
        return variables;
    }
}
