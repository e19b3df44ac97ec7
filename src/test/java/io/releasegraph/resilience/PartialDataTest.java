package io.releasegraph.resilience;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.sandbox.SandboxFaults;
import io.releasegraph.support.CleanSlate;
import io.releasegraph.support.GraphQLClient;
import io.restassured.response.ValidatableResponse;

/**
 * Issue 14 item 3, README "Partial data": each upstream taken down in turn (sandbox faults, cold cache), one query
 * asks every list root field. The failed upstream's own root fields are null with an error naming it; the other
 * upstreams' fields still answer with data, on both engines. {@code releases} keeps the other sources' releases.
 */
@QuarkusTest
class PartialDataTest {

    private static final Map<String, Object> VARIABLES = Map.of("projectKey", "web-app", "flagKey", "new-checkout-flow");
    /** Root fields by the upstream that feeds them. */
    private static final Map<String, List<String>> FIELDS = Map.of(
            "trifacta", List.of("deployments"),
            "cryptlex", List.of("productReleases"),
            "launchdarkly", List.of("releasePipelines", "flagRelease"));

    @Inject
    CleanSlate cleanSlate;

    @Inject
    SandboxFaults faults;

    @BeforeEach
    void startClean() {
        cleanSlate.reset();
    }

    @AfterEach
    void upAgain() {
        faults.reset();
    }

    @ParameterizedTest(name = "{0} down, {1} engine")
    @CsvSource({ "trifacta, compiled", "cryptlex, compiled", "launchdarkly, compiled",
            "trifacta, smallrye", "cryptlex, smallrye", "launchdarkly, smallrye" })
    void theOtherUpstreamsFieldsAnswerWhileTheFailedOnesAreNullWithTheirError(String down, String engine) {
        faults.set(SandboxFaults.Upstream.valueOf(down.toUpperCase(java.util.Locale.ROOT)), SandboxFaults.Mode.DOWN);
        Map<String, String> headers = engine.equals("smallrye") ? Map.of("X-Releasegraph-Engine", "smallrye") : Map.of();

        ValidatableResponse answer = GraphQLClient.post("everyRootField", VARIABLES, headers).statusCode(200)
                .body("data", notNullValue());
        FIELDS.forEach((upstream, fields) -> fields.forEach(field -> {
            if (upstream.equals(down)) {
                answer.body("data." + field, nullValue())
                        .body("errors.find { it.path == ['" + field + "'] }.extensions.upstream", equalTo(down))
                        .body("errors.find { it.path == ['" + field + "'] }.extensions.code", equalTo("UPSTREAM_UNAVAILABLE"));
            } else {
                answer.body("data." + field, notNullValue())
                        .body("errors.path", not(hasItem(List.of(field))));
            }
        }));
        answer.body("data.deployments.nodes", down.equals("trifacta") ? nullValue() : hasSize(3))
                .body("data.productReleases.nodes", down.equals("cryptlex") ? nullValue() : hasSize(3))
                .body("data.flagRelease.flagKey", down.equals("launchdarkly") ? nullValue() : equalTo("new-checkout-flow"));
        // releases: the failed source's releases are missing, the others' are there, with an error naming it
        answer.body("data.releases.nodes.source", everyItem(not(equalTo(down.toUpperCase(java.util.Locale.ROOT)))))
                .body("data.releases.nodes.source", hasItems(others(down)))
                .body("errors.find { it.path == ['releases'] }.extensions.upstream", equalTo(down));
    }

    @ParameterizedTest(name = "{0} engine")
    @CsvSource({ "compiled", "smallrye" })
    void aListWhoseOnlySourceFailedIsNullAndTheOtherFieldsStillAnswer(String engine) {
        // the case: Cryptlex down, no cached copy, releases of Cryptlex only, next to deployments
        faults.set(SandboxFaults.Upstream.CRYPTLEX, SandboxFaults.Mode.DOWN);
        Map<String, String> headers = engine.equals("smallrye") ? Map.of("X-Releasegraph-Engine", "smallrye") : Map.of();

        GraphQLClient.post("cryptlexReleasesAndDeployments", Map.of(), headers).statusCode(200)
                .body("data.releases", nullValue())
                .body("data.deployments.nodes", hasSize(3))
                .body("errors", hasSize(1))
                .body("errors[0].path", equalTo(List.of("releases")))
                .body("errors[0].extensions.upstream", equalTo("cryptlex"));
    }

    private static String[] others(String down) {
        return FIELDS.keySet().stream().filter(upstream -> !upstream.equals(down))
                .map(upstream -> upstream.toUpperCase(java.util.Locale.ROOT)).toArray(String[]::new);
    }
}
