package io.releasegraph.provider.trifacta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
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
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.InjectWireMock;
import io.releasegraph.support.TrifactaWireMock;
import io.releasegraph.support.Zips;
import io.restassured.response.ValidatableResponse;
import io.releasegraph.support.PackageUpload;

/** Seed 001's import answer (mended only where the page splits it, see the fixture's README) reaches the GraphQL answer. */
@QuarkusTest
@WithTestResource(TrifactaWireMock.class)
class TrifactaSeedFieldsTest {

    /** A deployment read that does not list the new release yet, so the payload's release is the import answer's. */
    private static final String DEPLOYMENT_1 = "{\"id\":1,\"name\":\"Seed\",\"createdAt\":\"2019-02-13T18:00:00.000Z\","
            + "\"updatedAt\":\"2019-02-13T20:39:41.764Z\",\"numReleases\":0,\"releases\":{\"data\":[]}}";

    private static final String DEPLOYMENT_4 = "{\"id\":4,\"name\":\"Runs\",\"createdAt\":\"2017-11-01T00:00:00.000Z\","
            + "\"updatedAt\":\"2017-11-01T00:00:00.000Z\",\"numReleases\":1,\"releases\":{\"data\":[{\"id\":2,"
            + "\"notes\":\"flow\",\"packageUuid\":\"u\",\"active\":true,\"createdAt\":\"2017-11-01T00:00:00.000Z\","
            + "\"updatedAt\":\"2017-11-01T00:00:00.000Z\",\"deployment\":{\"id\":4}}]}}";

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    CleanSlate cleanSlate;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
        cleanSlate.clearCache();
        wireMock.stubFor(get(urlPathEqualTo("/v4/deployments/1")).willReturn(okJson(DEPLOYMENT_1)));
    }

    @Test
    void seedImportAnswerCarriesTheReleasesCreatorAndUpdater() throws Exception {
        wireMock.stubFor(post(urlPathEqualTo("/v4/deployments/1/releases")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(GraphQLClient.resource("seeds/trifacta/create-release-201.json"))));

        upload().statusCode(200).body("errors", nullValue())
                .body("data.importRelease.flowNames", contains("2013 POS"))
                .body("data.importRelease.release.packageUuid", equalTo("9bae78c0-2fcb-11e9-9523-77f56ed58844"))
                .body("data.importRelease.release.createdByUserId", equalTo(7))
                .body("data.importRelease.release.updatedByUserId", equalTo(7));
    }

    @Test
    void importRuleChangesAndDeletedObjectsComeAsTrifactaSentThemSinceSeed001ShowsOnlyEmptyOnes() {
        wireMock.stubFor(post(urlPathEqualTo("/v4/deployments/1/releases")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(GraphQLClient.resource("seeds/trifacta/create-release-201.json"))));

        upload().statusCode(200).body("errors", nullValue())
                .body("data.importRelease.importRuleChanges.objectChanges", empty())
                .body("data.importRelease.importRuleChanges.valueChanges", empty())
                .body("data.importRelease.deletedObjects", equalTo("{}"));
    }

    @Test
    void aRuleChangeOfAShapeNoDocumentShowsPassesThroughAsItsJsonText() {
        // No Trifacta document shows one change; whatever object it sends reaches the client unchanged, as JSON text.
        wireMock.stubFor(post(urlPathEqualTo("/v4/deployments/1/releases")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"importRuleChanges\":{\"object\":[{\"tableName\":\"connections\",\"id\":3}],"
                        + "\"value\":[\"/old/path\"]},\"flows\":[{\"id\":6,\"name\":\"2013 POS\"}],"
                        + "\"release\":{\"id\":1,\"active\":true,\"deployment\":{\"id\":1}}}")));

        upload().statusCode(200).body("errors", nullValue())
                .body("data.importRelease.importRuleChanges.objectChanges", contains("{\"tableName\":\"connections\",\"id\":3}"))
                .body("data.importRelease.importRuleChanges.valueChanges", contains("\"/old/path\""))
                .body("data.importRelease.deletedObjects", nullValue());
    }

    @Test
    void releaseWithoutCreatorOrUpdaterKeepsThemNull() {
        wireMock.stubFor(post(urlPathEqualTo("/v4/deployments/1/releases")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"flows\":[{\"id\":6,\"name\":\"2013 POS\"}],\"release\":{\"id\":1,\"notes\":\"example_flow\","
                        + "\"packageUuid\":\"u\",\"active\":true,\"deployment\":{\"id\":1},\"creator\":null}}")));

        upload().statusCode(200).body("errors", nullValue())
                .body("data.importRelease.release.createdByUserId", nullValue())
                .body("data.importRelease.release.updatedByUserId", nullValue());
    }

    @Test
    void seedRunAnswerCarriesTheSessionAndTheRunsJobs() {
        wireMock.stubFor(get(urlPathEqualTo("/v4/deployments/4")).willReturn(okJson(DEPLOYMENT_4)));
        wireMock.stubFor(post(urlPathEqualTo("/v4/deployments/4/run")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(GraphQLClient.resource("seeds/trifacta/run-deployment-201.json"))));
        wireMock.stubFor(get(urlPathEqualTo("/v4/jobGroups/33")).willReturn(okJson("{\"id\":33,\"status\":\"InProgress\","
                + "\"createdAt\":\"2017-11-07T00:00:00.000Z\",\"jobs\":{\"data\":[{\"id\":68},{\"id\":69},{\"id\":70}]}}")));

        GraphQLClient.post("runDeploymentSeedFields", Map.of("deploymentId", Ids.deployment(4)))
                .statusCode(200).body("errors", nullValue())
                .body("data.runDeployment.sessionId", equalTo("dd6a90e0-c353-11e7-ad4e-7f2dd2ae4621"))
                .body("data.runDeployment.jobGroup.id", equalTo(Ids.jobGroup(33)))
                .body("data.runDeployment.jobGroup.jobs.size()", equalTo(3));
    }

    @Test
    void runAnswerWithoutSessionKeepsItNull() {
        wireMock.stubFor(get(urlPathEqualTo("/v4/deployments/4")).willReturn(okJson(DEPLOYMENT_4)));
        wireMock.stubFor(post(urlPathEqualTo("/v4/deployments/4/run")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"data\":[{\"id\":33}]}")));
        wireMock.stubFor(get(urlPathEqualTo("/v4/jobGroups/33")).willReturn(okJson("{\"id\":33,\"status\":\"InProgress\"}")));

        GraphQLClient.post("runDeploymentSeedFields", Map.of("deploymentId", Ids.deployment(4)))
                .statusCode(200).body("errors", nullValue())
                .body("data.runDeployment.sessionId", nullValue());
    }

    private static ValidatableResponse upload() {
        return PackageUpload.of("importReleaseSeedFields", Map.of("deploymentId", Ids.deployment(1)), "response.zip",
                Zips.flowPackage("2013 POS")).when().post("/graphql").then();
    }
}
