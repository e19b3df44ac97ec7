package io.releasegraph.provider.launchdarkly;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.error.UpstreamCredentialsException;
import io.releasegraph.support.InjectWireMock;
import io.releasegraph.support.LaunchDarklyStubs;
import io.releasegraph.support.LaunchDarklyWireMock;

/** A LaunchDarkly refusal keeps LaunchDarkly's own words, from the OpenAPI's {@code ForbiddenErrorRep} example. */
@QuarkusTest
@WithTestResource(LaunchDarklyWireMock.class)
@TestProfile(LaunchDarklyStubs.Profile.class)
class LaunchDarklyErrorWordsTest {

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    LaunchDarklyClient launchDarkly;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
    }

    @Test
    void a403KeepsLaunchDarklysCodeAndMessage() {
        wireMock.stubFor(get(urlPathEqualTo("/api/v2/flags/alpha/checkout/release")).willReturn(aResponse()
                .withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"forbidden\",\"message\":\"Forbidden. Access to the requested resource was denied.\"}")));

        assertThatThrownBy(() -> launchDarkly.fetchFlagRelease("alpha", "checkout").await().atMost(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(UpstreamCredentialsException.class, e -> {
                    assertThat(e.upstreamCode()).contains("forbidden");
                    assertThat(e.upstreamMessage()).contains("Forbidden. Access to the requested resource was denied.");
                    assertThat(e.getMessage()).doesNotContain(LaunchDarklyStubs.TOKEN);
                });
    }
}
