package io.releasegraph.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.domain.GlobalId;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.support.CryptlexWireMock;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.InjectWireMock;
import io.releasegraph.support.LaunchDarklyWireMock;
import io.releasegraph.support.TrifactaWireMock;
import io.releasegraph.support.Zips;
import io.restassured.specification.RequestSpecification;

/**
 * The bad-input suite: every kind of bad request gets a typed error (a GraphQL error with {@code extensions.code},
 * never a stack trace) and not a single request reaches any upstream. Small limits keep the documents readable.
 */
@QuarkusTest
@TestProfile(BadInputTest.SmallLimits.class)
@WithTestResource(TrifactaWireMock.class)
@WithTestResource(CryptlexWireMock.class)
@WithTestResource(LaunchDarklyWireMock.class)
class BadInputTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.graphql.max-depth", "5",
                    "gateway.graphql.max-complexity", "20",
                    "gateway.graphql.max-aliases", "3",
                    "gateway.graphql.max-tokens", "100",
                    "gateway.graphql.max-request-bytes", "4096",
                    "gateway.upload.max-bytes", "1024");
        }
    }

    @InjectWireMock("trifacta")
    WireMockServer trifacta;

    @InjectWireMock("cryptlex")
    WireMockServer cryptlex;

    @InjectWireMock("launchdarkly")
    WireMockServer launchDarkly;

    @BeforeEach
    void reset() {
        for (WireMockServer upstream : List.of(trifacta, cryptlex, launchDarkly)) {
            upstream.resetAll();
        }
    }

    @AfterEach
    void noUpstreamWasCalled() {
        for (WireMockServer upstream : List.of(trifacta, cryptlex, launchDarkly)) {
            assertThat(upstream.getAllServeEvents()).as("requests to " + upstream.baseUrl()).isEmpty();
        }
    }

    @Test
    void refusesAQueryNestedTooDeep() {
        refused("limits/deep", Map.of(), 200, "depth");
    }

    @Test
    void refusesAnAliasFlood() {
        refused("limits/aliases", Map.of(), 200, "aliases");
    }

    @Test
    void refusesTooManyFieldsEvenWhenFragmentsHideThem() {
        refused("limits/complexity", Map.of(), 200, "complexity");
    }

    @Test
    void refusesADocumentWithTooManyTokens() {
        refused("limits/tokens", Map.of(), 200, "tokens");
    }

    @Test
    void refusesABrokenDocument() {
        refused("limits/syntax", Map.of(), 200, "syntax");
    }

    @Test
    void refusesARequestBodyOverTheLimit() {
        char[] padding = new char[5000];
        Arrays.fill(padding, 'x');
        GraphQLClient.post("deployments", Map.of("after", new String(padding))).statusCode(413)
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.limit", equalTo("bytes"));
    }

    @Test
    void refusesAFieldTheSchemaDoesNotHave() {
        GraphQLClient.post("limits/unknownField", Map.of()).statusCode(200)
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.field", equalTo("query"))
                .body("errors[0].message", containsString("secretField"));
    }

    @Test
    void refusesAVariableOfTheWrongType() {
        GraphQLClient.post("limits/fewDeployments", Map.of("first", "ten")).statusCode(200)
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.field", equalTo("variables"));
        GraphQLClient.post("limits/oneFlag", Map.of("projectKey", List.of("alpha"), "flagKey", "checkout")).statusCode(200)
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.field", equalTo("variables"));
    }

    @Test
    void refusesAMissingRequiredVariable() {
        GraphQLClient.post("limits/oneDeployment", Map.of()).statusCode(200)
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.field", equalTo("variables"));
    }

    @Test
    void refusesInvalidIds() {
        for (String id : List.of("garbage", Ids.productRelease("r1"), "", "dHJpZmFjdGE6RGVwbG95bWVudDp4")) {
            GraphQLClient.post("limits/oneDeployment", Map.of("id", id)).statusCode(200)
                    .body("data.deployment", nullValue())
                    .body("errors[0].extensions.code", equalTo("VALIDATION"))
                    .body("errors[0].extensions.field", equalTo("id"));
        }
    }

    /** Issue 15, break 4: a dot segment in an ID became a path segment upstream; each source refuses it unsent. */
    @Test
    void refusesIdsWhoseKeyIsADotSegmentInEverySource() {
        for (String id : List.of(Ids.productRelease("."), Ids.productRelease(".."), Ids.releaseFile(".."),
                GlobalId.encode(ReleaseSource.TRIFACTA, "Deployment", "."),
                GlobalId.encode(ReleaseSource.LAUNCHDARKLY, "FlagRelease", "default/.."))) {
            GraphQLClient.post("limits/oneNode", Map.of("id", id)).statusCode(200)
                    .body("data.node", nullValue())
                    .body("errors[0].extensions.code", equalTo("VALIDATION"))
                    .body("errors[0].extensions.field", equalTo("id"));
        }
    }

    /** Issue 15, break 5: operation names become metric tags, so their length is capped (100). */
    @Test
    void refusesAnOperationNameOverAHundredCharacters() {
        refused("limits/longOperationName", Map.of(), 200, "operationName");
    }

    /** Issue 15, break 8: hundreds of parts left their files behind; more than max-parts (10) is refused. */
    @Test
    void refusesMoreUploadPartsThanTheLimit() throws JsonProcessingException {
        Map<String, Object> variables = new HashMap<>();
        variables.put("deploymentId", Ids.deployment(1));
        variables.put("package", null);
        variables.put("dryRun", true);
        RequestSpecification request = given().multiPart("operations", new ObjectMapper().writeValueAsString(
                Map.of("query", GraphQLClient.document("importRelease"), "variables", variables)))
                .multiPart("map", "{\"0\":[\"variables.package\"]}");
        for (int part = 0; part < 11; part++) {
            request = request.multiPart(String.valueOf(part), part + ".zip", new byte[] { 'P' }, "application/zip");
        }
        request.when().post("/graphql").then().statusCode(413)
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.limit", equalTo("parts"));
    }

    @Test
    void refusesABodyThatIsNotAGraphQLRequest() {
        for (String body : List.of("not json", "[{\"query\":\"{__typename}\"}]", "{\"query\":\"{ __typename }\",\"variables\":[1]}")) {
            given().contentType("application/json").body(body).when().post("/graphql").then().statusCode(400)
                    .body("errors[0].extensions.code", equalTo("VALIDATION"));
        }
    }

    @Test
    void refusesAnOversizedUpload() {
        byte[] big = new byte[200 * 1024];
        Arrays.fill(big, (byte) 'P');
        ImportReleaseTest.upload(Ids.deployment(1), false, "big.zip", big).statusCode(413)
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
    }

    @Test
    void refusesAnUploadThatIsNotAZip() {
        ImportReleaseTest.upload(Ids.deployment(1), false, "package.zip", "just text".getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.field", equalTo("package"));
    }

    @Test
    void refusesWebhooksWithBadSignatures() {
        byte[] body = "{\"event\":\"release.updated\",\"data\":{\"id\":\"r1\"}}".getBytes(StandardCharsets.UTF_8);
        for (String signature : List.of("", "t=1,v1=deadbeef", "garbage", "Bb3jMWkC1DOqEv5fAOsqwkKH7r57w9o8fZ3Jg72lNk0=")) {
            given().contentType("application/json").header("Webhook-Signature", signature).body(body)
                    .when().post("/webhooks/cryptlex").then().statusCode(401);
        }
    }

    /** The zip check is not what refused the upload above: a real package within the limit passes it. */
    @Test
    void aSmallRealPackagePassesTheUploadChecks() {
        ImportReleaseTest.upload(Ids.deployment(1), true, "package.zip", Zips.flowPackage("x"))
                .body("errors[0].extensions.code", not(equalTo("VALIDATION")));
        trifacta.resetAll(); // it went on to Trifacta, as it should
    }

    /** GraphQLClient accepts application/json: a request error is 200 there (GraphQL over HTTP), 400 for graphql-response+json. */
    private static void refused(String document, Map<String, Object> variables, int status, String limit) {
        GraphQLClient.post(document, variables).statusCode(status)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.field", equalTo("query"))
                .body("errors[0].extensions.limit", equalTo(limit))
                .body("errors[0].message", not(containsString("Exception")));
    }
}
