package io.releasegraph.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.support.OperationsProfile;
import io.releasegraph.support.TrifactaWireMock;

/**
 * Without a recent call to go by (the window is zero in this profile), readiness probes the upstream's host and
 * port: WireMock's Trifacta accepts the connection, LaunchDarkly's closed port refuses it.
 */
@QuarkusTest
@TestProfile(OperationsProfile.class)
@WithTestResource(TrifactaWireMock.class)
class ReachabilityProbeTest {

    @Test
    void probesTheUpstreamsHostWhenNoRecentCallTellsItsState() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'upstream trifacta' }.data.state", equalTo("UP"))
                .body("checks.find { it.name == 'upstream trifacta' }.data.basis", equalTo("probe"))
                .body("checks.find { it.name == 'upstream launchdarkly' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'upstream launchdarkly' }.data.state", equalTo("DOWN"))
                .body("checks.find { it.name == 'upstream launchdarkly' }.data.basis", equalTo("probe"))
                .body("checks.find { it.name == 'upstream launchdarkly' }.data.reason", startsWith("connect failed"));
    }
}
