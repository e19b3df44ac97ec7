package io.releasegraph.provider;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.config.StartupReport;
import io.releasegraph.domain.GlobalId;
import io.releasegraph.support.AcmeProvider;
import io.releasegraph.support.FourthSourceProfile;
import io.releasegraph.support.GraphQLClient;

/**
 * A fourth upstream is one {@link ReleaseProvider} bean: the test-only {@link AcmeProvider} shows up in
 * {@code releases}, {@code node(id:)}, {@code release(id:)}, readiness and the start-up report, with no main code
 * naming it.
 */
@QuarkusTest
@TestProfile(FourthSourceProfile.class)
class FourthProviderTest {

    @Inject
    StartupReport report;

    @Test
    void itsReleasesAreListedWithEveryOtherSources() {
        GraphQLClient.post("releases", Map.of("first", 100, "filter", Map.of("search", "Acme Licensing")))
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.releases.totalCount", equalTo(2))
                .body("data.releases.nodes.id", contains(AcmeProvider.NEWER.id(), AcmeProvider.OLDER.id()))
                .body("data.releases.nodes.__typename", contains("ProductRelease", "ProductRelease"));

        // the three real upstreams still answer beside it
        GraphQLClient.post("releases", Map.of("first", 100)).statusCode(200)
                .body("errors", nullValue())
                .body("data.releases.nodes.source", hasItems("TRIFACTA", "CRYPTLEX", "LAUNCHDARKLY"))
                .body("data.releases.nodes.name", hasItems("Acme Licensing 2.0.0", "Acme Licensing 1.0.0"));
    }

    @Test
    void nodeAndReleaseFindItsObjectsByTheirIds() {
        GraphQLClient.post("nodeProduct", Map.of("id", AcmeProvider.OLDER.id())).statusCode(200)
                .body("errors", nullValue())
                .body("data.node.__typename", equalTo("ProductRelease"))
                .body("data.node.id", equalTo(AcmeProvider.OLDER.id()))
                .body("data.node.name", equalTo("Acme Licensing 1.0.0"))
                .body("data.node.version", equalTo("1.0.0"));

        GraphQLClient.post("release", Map.of("id", AcmeProvider.NEWER.id())).statusCode(200)
                .body("errors", nullValue())
                .body("data.release.name", equalTo("Acme Licensing 2.0.0"));

        GraphQLClient.post("nodeProduct", Map.of("id", GlobalId.encode(AcmeProvider.KEY, AcmeProvider.TYPE, "a-404")))
                .statusCode(200)
                .body("data.node", nullValue())
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
    }

    @Test
    void readinessHasACheckForIt() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItems("upstream trifacta", "upstream cryptlex", "upstream launchdarkly",
                        "upstream acme"))
                .body("checks.find { it.name == 'upstream acme' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'upstream acme' }.data.state", equalTo("UP"));
    }

    @Test
    void theStartupReportSaysWhereItIs() {
        List<String> lines = report.text().lines().map(String::trim).toList();

        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("acme -> real service at http://127.0.0.1:")
                .endsWith("/acme"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("trifacta -> built-in SANDBOX simulator at "));
        // acme is WireMock (a real service to the gateway) next to the sandbox: the mode says so.
        assertThat(lines.get(0)).startsWith("Releasegraph mode: MIXED (real upstreams [acme]");
    }
}
