package io.releasegraph.observability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.InjectWireMock;
import io.releasegraph.support.PrometheusScrape;
import io.releasegraph.support.TrifactaWireMock;

/** /q/metrics after real GraphQL requests: upstream latency, operations by name, errors by code. */
@QuarkusTest
@WithTestResource(TrifactaWireMock.class)
class MetricsTest {

    @InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
        wireMock.stubFor(get(urlPathEqualTo("/v4/deployments/7")).willReturn(aResponse().withStatus(502)));
        wireMock.stubFor(get(urlPathEqualTo("/v4/jobGroups/33"))
                .willReturn(okJson("{\"id\":33,\"status\":\"Complete\",\"jobs\":{\"data\":[]}}")));
    }

    @Test
    void countsUpstreamCallsByUpstreamOperationAndStatus() {
        PrometheusScrape before = PrometheusScrape.now();

        GraphQLClient.post("partialFailure", Map.of("deploymentId", Ids.deployment(7), "jobGroupId", Ids.jobGroup(33)))
                .statusCode(200);

        PrometheusScrape after = PrometheusScrape.now();
        String failed = "releasegraph_upstream_requests_seconds_count{operation=\"getDeployment\",status=\"502\",upstream=\"trifacta\"}";
        String succeeded = "releasegraph_upstream_requests_seconds_count{operation=\"getJobGroup\",status=\"200\",upstream=\"trifacta\"}";
        assertThat(after.value(failed) - before.value(failed)).isGreaterThanOrEqualTo(1);
        assertThat(after.value(succeeded) - before.value(succeeded)).isEqualTo(1);
        assertThat(after.series("releasegraph_upstream_requests_seconds_bucket"))
                .as("a histogram, so latency percentiles can be computed across replicas")
                .anyMatch(series -> series.contains("operation=\"getJobGroup\"") && series.contains("le=\"0.1\""));
    }

    @Test
    void timesGraphQLOperationsByNameAndCountsErrorsByCode() {
        PrometheusScrape before = PrometheusScrape.now();

        GraphQLClient.post("partialFailure", Map.of("deploymentId", Ids.deployment(7), "jobGroupId", Ids.jobGroup(33)))
                .statusCode(200);
        GraphQLClient.post("jobGroup", Map.of("id", "not-an-id")).statusCode(200);

        String partial = "releasegraph_graphql_operations_seconds_count{operation=\"Partial\",outcome=\"partial\",type=\"query\"}";
        String upstreamErrors = "releasegraph_graphql_errors_total{code=\"UPSTREAM_ERROR\",upstream=\"trifacta\"}";
        String validationErrors = "releasegraph_graphql_errors_total{code=\"VALIDATION\",upstream=\"none\"}";
        // an operation is timed when its answer has been written, which may be just after the client has read it
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            PrometheusScrape after = PrometheusScrape.now();
            assertThat(after.value(partial) - before.value(partial)).isEqualTo(1);
            assertThat(after.value(upstreamErrors) - before.value(upstreamErrors)).isEqualTo(1);
            assertThat(after.value(validationErrors) - before.value(validationErrors)).isEqualTo(1);
        });
    }

    @Test
    void labelsCarryNamesNeverIdsOrCredentials() {
        GraphQLClient.post("partialFailure", Map.of("deploymentId", Ids.deployment(7), "jobGroupId", Ids.jobGroup(33)))
                .statusCode(200);

        PrometheusScrape scrape = PrometheusScrape.now();
        assertThat(scrape.series("releasegraph_")).isNotEmpty().allSatisfy(series -> {
            assertThat(series).doesNotContain(Ids.deployment(7)).doesNotContain("token");
            assertThat(PrometheusScrape.label(series, "operation")).matches("[A-Za-z]*");
            assertThat(PrometheusScrape.label(series, "upstream")).matches("[a-z]*");
        });
    }
}
