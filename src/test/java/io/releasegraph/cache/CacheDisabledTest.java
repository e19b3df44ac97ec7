package io.releasegraph.cache;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.InjectWireMock;
import io.releasegraph.support.TrifactaWireMock;

/** With {@code gateway.cache.enabled=false} ("strict", as the benchmark runs it) every read reaches the upstream. */
@QuarkusTest
@WithTestResource(TrifactaWireMock.class)
@TestProfile(CacheDisabledTest.Strict.class)
class CacheDisabledTest {

    public static class Strict implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.cache.enabled", "false");
        }
    }

    @InjectWireMock
    WireMockServer wireMock;

    @Test
    void everyRepeatedReadCallsTheUpstream() {
        wireMock.resetAll();
        wireMock.stubFor(get(urlPathEqualTo("/v4/jobGroups/33"))
                .willReturn(okJson("{\"id\":33,\"status\":\"Complete\",\"jobs\":{\"data\":[]}}")));

        for (int i = 0; i < 3; i++) {
            GraphQLClient.post("jobGroup", Map.of("id", Ids.jobGroup(33))).statusCode(200)
                    .body("errors", nullValue())
                    .body("data.jobGroup.status", equalTo("COMPLETE"));
        }
        wireMock.verify(3, getRequestedFor(urlPathEqualTo("/v4/jobGroups/33")));
    }
}
