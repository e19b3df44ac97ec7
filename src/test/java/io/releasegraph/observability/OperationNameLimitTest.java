package io.releasegraph.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.OperationsProfile;
import io.releasegraph.support.PrometheusScrape;
import io.releasegraph.support.TrifactaWireMock;

/**
 * Clients choose operation names: a name over 100 characters is refused before it runs, and past the budget (two in
 * this profile) only the most frequent names keep a series of their own, the rest are counted as "other".
 */
@QuarkusTest
@TestProfile(OperationsProfile.class)
@WithTestResource(TrifactaWireMock.class)
class OperationNameLimitTest {

    private static final String OPERATIONS = "releasegraph_graphql_operations_seconds_count";
    private static final String LONG_NAME = "Op" + "x".repeat(99);

    @Test
    void operationNamesBeyondTheBudgetAreCountedAsOther() {
        double otherBefore = others(PrometheusScrape.now());

        GraphQLClient.post("descriptions", Map.of()).statusCode(200);
        GraphQLClient.post("deployments", Map.of("first", 1)).statusCode(200);
        GraphQLClient.post("jobGroup", Map.of("id", Ids.jobGroup(1))).statusCode(200);

        PrometheusScrape after = PrometheusScrape.now();
        assertThat(named(after)).hasSizeLessThanOrEqualTo(2);
        assertThat(others(after) - otherBefore).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aFrequentNameTakesTheSeriesOfTheLeastFrequentOne() {
        GraphQLClient.post("descriptions", Map.of()).statusCode(200);
        GraphQLClient.post("deployments", Map.of("first", 1)).statusCode(200);
        PrometheusScrape before = PrometheusScrape.now();
        assertThat(named(before)).hasSize(2).doesNotContain("FrequentOperation");
        double mostUsed = named(before).stream().mapToDouble(name -> count(before, name)).max().orElseThrow();

        for (int i = 0; i < 2 * mostUsed + 10; i++) {
            GraphQLClient.post("limits/frequentOperation", Map.of()).statusCode(200).body("errors", nullValue());
        }

        PrometheusScrape after = PrometheusScrape.now();
        assertThat(named(after)).hasSizeLessThanOrEqualTo(2).contains("FrequentOperation");
    }

    @Test
    void refusesAnOperationNameOverAHundredCharactersBeforeItRuns() {
        double operationsBefore = total(PrometheusScrape.now());

        GraphQLClient.post("limits/longOperationName", Map.of()).statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.field", equalTo("query"))
                .body("errors[0].extensions.limit", equalTo("operationName"))
                .body("errors[0].message", not(org.hamcrest.Matchers.containsString(LONG_NAME)));
        GraphQLClient.postOperation("limits/operationNameAtTheLimit", LONG_NAME, Map.of()).statusCode(200)
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.field", equalTo("operationName"))
                .body("errors[0].extensions.limit", equalTo("operationName"))
                .body("errors[0].message", not(org.hamcrest.Matchers.containsString(LONG_NAME)));

        PrometheusScrape after = PrometheusScrape.now();
        assertThat(total(after)).isEqualTo(operationsBefore);
        assertThat(after.series(OPERATIONS)).noneMatch(series -> series.contains(LONG_NAME));
    }

    @Test
    void acceptsAnOperationNameOfAHundredCharacters() {
        GraphQLClient.post("limits/operationNameAtTheLimit", Map.of()).statusCode(200)
                .body("errors", nullValue())
                .body("data.__typename", equalTo("Query"));
    }

    /** The budget holds against a flood of one-off names, and the names used most keep their series. */
    @Test
    void aFloodOfOneOffNamesNeverDisplacesTheNamesInUse() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GraphQLMetrics metrics = new GraphQLMetrics(registry, () -> () -> 200);
        for (int round = 0; round < 5; round++) {
            for (int name = 0; name < 200; name++) {
                assertThat(metrics.bounded("Known" + name)).isEqualTo("Known" + name);
            }
        }
        for (int flood = 0; flood < 20_000; flood++) {
            assertThat(metrics.bounded("Flood" + flood)).isEqualTo(GraphQLMetrics.OTHER);
        }
        assertThat(metrics.bounded("Known7")).isEqualTo("Known7");

        String rising = GraphQLMetrics.OTHER;
        for (int hit = 0; hit < 20 && rising.equals(GraphQLMetrics.OTHER); hit++) {
            rising = metrics.bounded("Rising");
        }
        assertThat(rising).as("a name used more often than the least used one gets a series").isEqualTo("Rising");
        assertThat(metrics.bounded("x".repeat(101))).isEqualTo(GraphQLMetrics.OTHER);
    }

    private static Set<String> named(PrometheusScrape scrape) {
        return scrape.series(OPERATIONS).stream()
                .map(series -> PrometheusScrape.label(series, "operation"))
                .filter(name -> !name.equals(GraphQLMetrics.OTHER))
                .collect(Collectors.toSet());
    }

    private static double count(PrometheusScrape scrape, String name) {
        return scrape.series(OPERATIONS).stream()
                .filter(series -> PrometheusScrape.label(series, "operation").equals(name))
                .mapToDouble(scrape::value).sum();
    }

    private static double others(PrometheusScrape scrape) {
        return count(scrape, GraphQLMetrics.OTHER);
    }

    private static double total(PrometheusScrape scrape) {
        return scrape.series(OPERATIONS).stream().mapToDouble(scrape::value).sum();
    }
}
