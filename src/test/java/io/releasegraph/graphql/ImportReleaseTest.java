package io.releasegraph.graphql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.Zips;
import io.releasegraph.support.PackageUpload;

/** importRelease through the GraphQL multipart request spec, as Apollo's upload link or curl sends it. */
@QuarkusTest
class ImportReleaseTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void importedPackageBecomesTheActiveRelease() {
        upload(Ids.deployment(1), false, "package.zip", Zips.flowPackage("Sales Hourly Load"))
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.importRelease.dryRun", equalTo(false))
                .body("data.importRelease.flowNames", contains("Sales Hourly Load"))
                .body("data.importRelease.release.name", equalTo("Sales Hourly Load"))
                .body("data.importRelease.release.active", equalTo(true))
                .body("data.importRelease.deactivatedRelease.id", equalTo(Ids.deploymentRelease(3)))
                .body("data.importRelease.deployment.releaseCount", equalTo(4))
                .body("data.importRelease.deployment.activeRelease.name", equalTo("Sales Hourly Load"));
    }

    @Test
    void dryRunChecksAndStoresNothing() {
        upload(Ids.deployment(1), true, "package.zip", Zips.flowPackage("Checked Only"))
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.importRelease.dryRun", equalTo(true))
                .body("data.importRelease.release", nullValue())
                .body("data.importRelease.flowNames", contains("Checked Only"));
        GraphQLClient.post("deployment", Map.of("id", Ids.deployment(1))).statusCode(200)
                .body("data.deployment.releaseCount", equalTo(3))
                .body("data.deployment.activeRelease.id", equalTo(Ids.deploymentRelease(3)));
    }

    @Test
    void aDryRunSaysWhatTheImportRulesWouldChangeNotOnlyTheFlowNames() {
        // the sandbox has no import rules: empty lists, as in seed 001's own example
        upload("importReleaseRuleChanges", Ids.deployment(1), true, "package.zip", Zips.flowPackage("Checked Only"))
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.importRelease.dryRun", equalTo(true))
                .body("data.importRelease.importRuleChanges.objectChanges", org.hamcrest.Matchers.empty())
                .body("data.importRelease.importRuleChanges.valueChanges", org.hamcrest.Matchers.empty());
    }

    @Test
    void refusesAFileThatIsNotAZipWhateverItsName() {
        upload(Ids.deployment(1), false, "package.zip", "just text".getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.field", equalTo("package"));
        GraphQLClient.post("deployment", Map.of("id", Ids.deployment(1))).statusCode(200)
                .body("data.deployment.releaseCount", equalTo(3));
    }

    @Test
    void refusesAZipBombWithoutExpandingIt() {
        byte[] bomb = Zips.bomb("data.bin", 512L * 1024 * 1024); // about 0.5 MB sent
        upload(Ids.deployment(1), false, "package.zip", bomb)
                .statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
        GraphQLClient.post("deployment", Map.of("id", Ids.deployment(1))).statusCode(200)
                .body("data.deployment.releaseCount", equalTo(3));
    }

    @Test
    void refusesATokenSmuggledInWithoutAFilePart() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("deploymentId", Ids.deployment(1));
        variables.put("package", "upload:guessed-token");
        GraphQLClient.post("importRelease", variables).statusCode(200)
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.field", equalTo("package"));
    }

    @Test
    void refusesAMapThatPointsAtAMissingFile() throws JsonProcessingException {
        given().multiPart("operations", operations(Ids.deployment(1), false))
                .multiPart("map", "{\"0\":[\"variables.package\"]}")
                .when().post("/graphql")
                .then().statusCode(400)
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
        given().multiPart("map", "{}")
                .when().post("/graphql")
                .then().statusCode(400)
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
    }

    @Test
    void refusesAMapThatPointsOutsideTheVariables() throws JsonProcessingException {
        given().multiPart("operations", operations(Ids.deployment(1), false))
                .multiPart("map", "{\"0\":[\"query\"]}")
                .multiPart("0", "package.zip", Zips.flowPackage("x"), "application/zip")
                .when().post("/graphql")
                .then().statusCode(400)
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
    }

    static ValidatableResponse upload(String deploymentId, boolean dryRun, String fileName, byte[] bytes) {
        return upload("importRelease", deploymentId, dryRun, fileName, bytes);
    }

    static ValidatableResponse upload(String document, String deploymentId, boolean dryRun, String fileName,
            byte[] bytes) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("deploymentId", deploymentId);
        variables.put("dryRun", dryRun);
        return PackageUpload.of(document, variables, fileName, bytes).when().post("/graphql").then();
    }

    private static String operations(String deploymentId, boolean dryRun) throws JsonProcessingException {
        return operations("importRelease", deploymentId, dryRun);
    }

    private static String operations(String document, String deploymentId, boolean dryRun)
            throws JsonProcessingException {
        Map<String, Object> variables = new HashMap<>();
        variables.put("deploymentId", deploymentId);
        variables.put("package", null);
        variables.put("dryRun", dryRun);
        return JSON.writeValueAsString(Map.of("query", GraphQLClient.document(document), "variables", variables));
    }
}
