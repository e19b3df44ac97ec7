package io.releasegraph.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.OperationsProfile;
import io.releasegraph.support.PrometheusScrape;
import io.releasegraph.support.TrifactaWireMock;

/** Clients choose operation names; past the budget (two in this profile) they are all counted as "other". */
@QuarkusTest
@TestProfile(OperationsProfile.class)
@WithTestResource(TrifactaWireMock.class)
class OperationNameLimitTest {

    private static final String OPERATIONS = "releasegraph_graphql_operations_seconds_count";

    @Test
    void operationNamesBeyondTheBudgetAreCountedAsOther() {
        double otherBefore = others(PrometheusScrape.now());

        GraphQLClient.post("descriptions", Map.of()).statusCode(200);
        GraphQLClient.post("deployments", Map.of("first", 1)).statusCode(200);
        GraphQLClient.post("jobGroup", Map.of("id", Ids.jobGroup(1))).statusCode(200);

        PrometheusScrape after = PrometheusScrape.now();
        Set<String> named = after.series(OPERATIONS).stream()
                .map(series -> PrometheusScrape.label(series, "operation"))
                .filter(name -> !name.equals(GraphQLMetrics.OTHER))
                .collect(Collectors.toSet());
        assertThat(named).hasSizeLessThanOrEqualTo(2);
        assertThat(others(after) - otherBefore).isGreaterThanOrEqualTo(1);
    }

    private static double others(PrometheusScrape scrape) {
        return scrape.series(OPERATIONS).stream()
                .filter(series -> PrometheusScrape.label(series, "operation").equals(GraphQLMetrics.OTHER))
                .mapToDouble(scrape::value).sum();
    }
}
