package io.releasegraph.provider.cryptlex;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.support.CleanSlate;
import io.releasegraph.support.CryptlexWireMock;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.InjectWireMock;

/**
 * Seed 003's release example, verbatim from WireMock, reaches the GraphQL answer with every documented field.
 * The seed documents the example as PATCH's answer; a GET of one release answers the same release object, so it is
 * served for the GET here (the GET is not in the seed: that part is our reading, not the vendor's words).
 */
@QuarkusTest
@WithTestResource(CryptlexWireMock.class)
class CryptlexSeedFieldsTest {

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    CleanSlate cleanSlate;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
        cleanSlate.clearCache();
    }

    @Test
    void seedReleaseExampleCarriesTenantTotalFilesArchivedAndFileRelease() {
        wireMock.stubFor(get(urlPathEqualTo("/v3/releases/string"))
                .willReturn(okJson(GraphQLClient.resource("seeds/cryptlex/update-release-200.json"))));

        GraphQLClient.post("productReleaseSeedFields", Map.of("id", Ids.productRelease("string")))
                .statusCode(200).body("errors", nullValue())
                .body("data.release.tenantId", equalTo("string"))
                .body("data.release.totalFiles", equalTo(0))
                .body("data.release.archived", equalTo(true))
                .body("data.release.productId", equalTo("string"))
                .body("data.release.files[0].releaseId", equalTo("string"))
                .body("data.release.files[0].releaseName", equalTo("string"));
    }

    @Test
    void vendorNullsStayNull() {
        wireMock.stubFor(get(urlPathEqualTo("/v3/releases/r9")).willReturn(okJson("{\"id\":\"r9\",\"name\":\"n\","
                + "\"version\":\"1.0\",\"productId\":\"p\",\"tenantId\":null,\"totalFiles\":null,\"files\":[{\"id\":\"f\","
                + "\"name\":\"a.zip\",\"releaseId\":null,\"releaseName\":null}]}")));

        GraphQLClient.post("productReleaseSeedFields", Map.of("id", Ids.productRelease("r9")))
                .statusCode(200).body("errors", nullValue())
                .body("data.release.tenantId", nullValue())
                .body("data.release.totalFiles", nullValue())
                .body("data.release.files[0].releaseId", nullValue())
                .body("data.release.files[0].releaseName", nullValue());
    }
}
