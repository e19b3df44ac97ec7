package io.releasegraph.sandbox.trifacta;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.support.MutableClock;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * The Trifacta sandbox over real HTTP. Seed facts used here: deployment 1 "Sales ETL" has releases
 * 1–3 with 3 active and two flow outputs; deployment 3 has releases 6–9; deployment 4 has releases
 * but none active; deployment 6 has none; there are 6 deployments and 14 releases.
 */
@QuarkusTest
@TestProfile(TrifactaSandboxTest.LongJobs.class)
class TrifactaSandboxTest {

    /** Long enough that a status read right after the run sees InProgress however slow the machine; the test moves
     * the clock past it. */
    public static class LongJobs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.sandbox.trifacta.job-duration", JOB_DURATION.toString());
        }
    }

    static final Duration JOB_DURATION = Duration.ofHours(1);

    private static final String TOKEN = "sandbox-trifacta-token";
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final String ISO_MILLIS_PATTERN = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @Inject
    TrifactaSandboxState state;

    @Inject
    MutableClock clock;

    @BeforeEach
    void restoreSeed() {
        state.reset();
    }

    // ---- D1: one active release per deployment --------------------------------------------------

    @Test
    void activatingAReleaseMovesTheSingleActiveFlag() {
        Response reply = api().contentType(ContentType.JSON).body("{\"active\":true}")
                .patch("/v4/releases/1")
                .then().statusCode(200)
                .body("id", equalTo(1))
                .body("updater.id", equalTo(TrifactaSandboxState.API_USER_ID))
                .body("updatedAt", matchesPattern(ISO_MILLIS_PATTERN))
                .extract().response();
        assertThat(reply.jsonPath().getMap("$").keySet()).containsExactlyInAnyOrder("id", "updater", "updatedAt");

        api().get("/v4/releases?deploymentId=1").then().statusCode(200)
                .body("data.findAll { it.active == true }.id", contains(1))
                .body("data.find { it.id == 3 }", hasKey("active"))
                .body("data.find { it.id == 3 }.active", nullValue());
        // other deployments keep their own active release
        api().get("/v4/releases/9").then().body("active", equalTo(true));
    }

    @Test
    void deactivatingLeavesTheDeploymentWithoutActiveRelease() {
        api().contentType(ContentType.JSON).body("{\"active\":false}").patch("/v4/releases/3")
                .then().statusCode(200);
        api().contentType(ContentType.JSON).body("{\"active\":null}").patch("/v4/releases/9")
                .then().statusCode(200);

        for (int deployment : new int[] {1, 3}) {
            String body = api().get("/v4/deployments/" + deployment + "/releases").then().statusCode(200)
                    .body("data.active", everyItem(nullValue()))
                    .extract().asString();
            // inactive is null on the wire, never false
            assertThat(body).contains("\"active\":null").doesNotContain("\"active\":false");
        }
    }

    @Test
    void patchChangesNotesAndOnlyWhatWasSent() {
        api().contentType(ContentType.JSON).body("{\"notes\":\"hotfix for EMEA\"}").patch("/v4/releases/3")
                .then().statusCode(200);

        api().get("/v4/releases/3").then()
                .body("notes", equalTo("hotfix for EMEA"))
                .body("active", equalTo(true))
                .body("updater.id", equalTo(TrifactaSandboxState.API_USER_ID));
    }

    @Test
    void patchRejectsANonObjectBodyAndAWronglyTypedActive() {
        for (String body : List.of("[{\"active\":true}]", "{\"active\":\"yes\"}", "{\"active\":1}", "not json", "")) {
            expectError(api().contentType(ContentType.JSON).body(body).patch("/v4/releases/1"),
                    400, "ValidationFailed");
        }
        api().get("/v4/releases/3").then().body("active", equalTo(true));
    }

    // ---- Import ---------------------------------------------------------------------------------

    @Test
    void importCreatesTheActiveReleaseNamedAfterTheFlow() {
        byte[] zip = zip(Map.of("flow.json", "{\"name\":\"Sales Daily Load v4\",\"id\":6}", "scripts/recipe.txt", "x"));

        Response reply = upload(zip, "export_flow_6.zip").post("/v4/deployments/1/releases")
                .then().statusCode(201)
                .body("importRuleChanges.object", equalTo(List.of()))
                .body("importRuleChanges.value", equalTo(List.of()))
                .body("deletedObjects", equalTo(Map.of()))
                .body("flows[0].name", equalTo("Sales Daily Load v4"))
                .body("release.notes", equalTo("Sales Daily Load v4"))
                .body("release.active", equalTo(true))
                .body("release.deployment.id", equalTo(1))
                .body("release.packageUuid", matchesPattern(UUID_PATTERN))
                .extract().response();
        int releaseId = reply.path("release.id");
        assertThat(reply.<List<Integer>>path("primaryFlowIds")).containsExactly(reply.<Integer>path("flows[0].id"));

        api().get("/v4/deployments/1").then()
                .body("numReleases", equalTo(4))
                .body("latestRelease.id", equalTo(releaseId))
                .body("latestRelease.active", equalTo(true));
        api().get("/v4/releases?deploymentId=1").then()
                .body("data.findAll { it.active == true }.id", contains(releaseId));
    }

    @Test
    void importWithoutFlowJsonTakesTheNameFromTheFile() {
        upload(zip(Map.of("recipes/wrangle.json", "{}")), "q4_rollup.zip").post("/v4/deployments/6/releases")
                .then().statusCode(201)
                .body("release.notes", equalTo("q4_rollup"))
                .body("release.active", equalTo(true));

        api().get("/v4/deployments/6").then().body("numReleases", equalTo(1)).body("latestRelease.notes", equalTo("q4_rollup"));
    }

    @Test
    void dryRunAnswersTheImportResultButPersistsNothing() {
        int before = releaseCount();

        Response reply = upload(zip(Map.of("flow.json", "{\"name\":\"Trial\"}")), "trial.zip")
                .post("/v4/deployments/1/releases/dryRun")
                .then().statusCode(200)
                .body("flows[0].name", equalTo("Trial"))
                .body("$", not(hasKey("release")))
                .extract().response();
        assertThat(reply.<List<Integer>>path("primaryFlowIds")).hasSize(1);

        assertThat(releaseCount()).isEqualTo(before);
        api().get("/v4/releases/3").then().body("active", equalTo(true));
    }

    @Test
    void importRejectsContentThatIsNotAZipWhateverItsName() {
        expectError(upload("just text, not a package".getBytes(StandardCharsets.UTF_8), "flow.zip")
                .post("/v4/deployments/1/releases"), 400, "ValidationFailed");
        // the right signature but a truncated archive; random text keeps the cut inside the entry data
        StringBuilder noise = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            noise.append(UUID.randomUUID());
        }
        byte[] zip = zip(Map.of("flow.json", "{\"name\":\"Cut\"}", "data.csv", noise.toString()));
        byte[] truncated = Arrays.copyOf(zip, zip.length / 2);
        expectError(upload(truncated, "cut.zip").post("/v4/deployments/1/releases"), 400, "ValidationFailed");
        // no part named "data"
        expectError(api().multiPart("file", "flow.zip", zip(Map.of("a.txt", "a")), "application/zip")
                .post("/v4/deployments/1/releases"), 400, "ValidationFailed");

        assertThat(releaseCount()).isEqualTo(14);
    }

    // ---- D2: running needs an active release ----------------------------------------------------

    @Test
    void runWithoutActiveReleaseIsRejected() {
        expectError(api().post("/v4/deployments/4/run"), 400, "ValidationFailed")
                .body("exception.message", equalTo("Deployment 4 has no active release"));
        expectError(api().post("/v4/deployments/6/run"), 400, "ValidationFailed");

        api().contentType(ContentType.JSON).body("{\"active\":false}").patch("/v4/releases/3");
        expectError(api().post("/v4/deployments/1/run"), 400, "ValidationFailed")
                .body("exception.message", equalTo("Deployment 1 has no active release"));
    }

    @Test
    void runStartsAJobGroupThatCompletes() {
        int jobGroupId = api().contentType(ContentType.JSON)
                .body("{\"runParameters\":{\"overrides\":{\"data\":[{\"key\":\"region\",\"value\":\"APAC\"}]}}}")
                .post("/v4/deployments/1/run")
                .then().statusCode(201)
                .body("data[0].reason", equalTo("JobStarted"))
                .body("data[0].sessionId", matchesPattern(UUID_PATTERN))
                .extract().path("data[0].id");

        api().get("/v4/jobGroups/" + jobGroupId + "?embed=jobs").then().statusCode(200)
                .body("id", equalTo(jobGroupId))
                .body("status", equalTo("InProgress"))
                .body("deployment.id", equalTo(1))
                .body("release.id", equalTo(3))
                .body("runParameters.overrides.data[0].key", equalTo("region"))
                .body("runParameters.overrides.data[0].value", equalTo("APAC"))
                .body("jobs.data.jobType", contains("wrangle", "filewriter", "filewriter"))
                .body("jobs.data.jobGroup.id", everyItem(equalTo(jobGroupId)));
        assertThat(api().get("/v4/jobGroups/" + jobGroupId + "/status").then().statusCode(200)
                .contentType(ContentType.JSON).extract().asString()).isEqualTo("\"InProgress\"");

        finishJobs(jobGroupId, "Complete");

        api().get("/v4/jobGroups/" + jobGroupId + "/jobs").then().statusCode(200)
                .body("data.status", everyItem(equalTo("Complete")))
                .body("data.percentComplete", everyItem(equalTo(100)))
                .body("data.errorMessage", everyItem(nullValue()));
        api().get("/v4/jobGroups/" + jobGroupId).then()
                .body("status", equalTo("Complete"))
                .body("$", not(hasKey("jobs")));
    }

    @Test
    void simulateFailureOverrideEndsTheRunFailed() {
        int jobGroupId = api().contentType(ContentType.JSON)
                .body("{\"runParameters\":{\"overrides\":{\"data\":[{\"key\":\"simulateFailure\",\"value\":\"true\"}]}}}")
                .post("/v4/deployments/2/run")
                .then().statusCode(201).extract().path("data[0].id");

        finishJobs(jobGroupId, "Failed");

        api().get("/v4/jobGroups/" + jobGroupId + "?embed=jobs").then()
                .body("status", equalTo("Failed"))
                .body("release.id", equalTo(4))
                .body("jobs.data.status", contains("Complete", "Failed"))
                .body("jobs.data[1].errorMessage", notNullValue());
    }

    @Test
    void runRejectsMalformedOverrides() {
        expectError(api().contentType(ContentType.JSON)
                .body("{\"runParameters\":{\"overrides\":{\"data\":[{\"key\":\"region\",\"value\":7}]}}}")
                .post("/v4/deployments/1/run"), 400, "ValidationFailed");
        expectError(api().contentType(ContentType.JSON).body("[]").post("/v4/deployments/1/run"),
                400, "ValidationFailed");
    }

    // ---- D3: conventions ------------------------------------------------------------------------

    @Test
    void listsAreEnvelopedAndPagedUntilAShortPage() {
        api().get("/v4/deployments").then().statusCode(200).body("data.id", contains(1, 2, 3, 4, 5, 6));
        api().get("/v4/deployments?limit=2&offset=2").then().body("data.id", contains(3, 4));

        List<Integer> seen = new ArrayList<>();
        int offset = 0;
        List<Integer> page;
        do {
            page = api().get("/v4/releases?limit=4&offset=" + offset).then().statusCode(200).extract().path("data.id");
            seen.addAll(page);
            offset += 4;
        } while (page.size() == 4);
        assertThat(page).hasSize(2);
        assertThat(seen).hasSize(14).doesNotHaveDuplicates();
    }

    @Test
    void deploymentsCarryReferencesDatesAndLatestRelease() {
        api().get("/v4/deployments/1").then().statusCode(200)
                .body("name", equalTo("Sales ETL"))
                .body("createdAt", matchesPattern(ISO_MILLIS_PATTERN))
                .body("creator.id", notNullValue())
                .body("numReleases", equalTo(3))
                .body("latestRelease.id", equalTo(3))
                .body("latestRelease.deployment.id", equalTo(1))
                .body("$", not(hasKey("releases")));
        api().get("/v4/deployments/6").then()
                .body("numReleases", equalTo(0))
                .body("$", hasKey("latestRelease"))
                .body("latestRelease", nullValue());
    }

    @Test
    void embedReleasesNestsThemAndPagesThem() {
        api().get("/v4/deployments?embed=releases").then().statusCode(200)
                .body("data[0].releases.data.id", contains(1, 2, 3))
                .body("data[5].releases.data", equalTo(List.of()));
        api().get("/v4/deployments/3?embed=releases&limit=2&offset=1").then().statusCode(200)
                .body("releases.data.id", contains(7, 8));
        expectError(api().get("/v4/deployments?embed=flows"), 400, "ValidationFailed");
    }

    @Test
    void badPagingParametersAreValidationErrors() {
        for (String query : List.of("limit=-1", "offset=-5", "limit=1001", "limit=ten")) {
            expectError(api().get("/v4/deployments?" + query), 400, "ValidationFailed");
        }
        api().get("/v4/deployments?limit=1000").then().statusCode(200);
    }

    @Test
    void credentialsAreCheckedBeforeAnythingElse() {
        expectError(given().basePath("/sandbox/trifacta").get("/v4/deployments"), 401, "AuthenticationFailed");
        expectError(given().basePath("/sandbox/trifacta").auth().oauth2("wrong-token").get("/v4/deployments"),
                401, "AuthenticationFailed");
        expectError(given().basePath("/sandbox/trifacta").auth().preemptive().basic("sandbox@releasegraph.local", "nope")
                .get("/v4/deployments"), 401, "AuthenticationFailed");
        // even an unknown id or path answers 401 without credentials
        expectError(given().basePath("/sandbox/trifacta").get("/v4/releases/999"), 401, "AuthenticationFailed");
        expectError(given().basePath("/sandbox/trifacta").get("/v4/nothing-here"), 401, "AuthenticationFailed");

        given().basePath("/sandbox/trifacta").auth().preemptive().basic("sandbox@releasegraph.local", "sandbox")
                .get("/v4/deployments").then().statusCode(200);
        api().get("/v4/deployments").then().statusCode(200);
    }

    @Test
    void unknownIdsAre404AndNonNumericIdsAre400() {
        expectError(api().get("/v4/deployments/99"), 404, "NotFound");
        expectError(api().get("/v4/releases/999"), 404, "NotFound");
        expectError(api().get("/v4/jobGroups/999/status"), 404, "NotFound");
        expectError(api().get("/v4/releases?deploymentId=99"), 404, "NotFound");
        expectError(api().post("/v4/deployments/99/run"), 404, "NotFound");

        expectError(api().get("/v4/deployments/abc"), 400, "ValidationFailed");
        expectError(api().get("/v4/releases/1x"), 400, "ValidationFailed");
        expectError(api().get("/v4/jobGroups/one"), 400, "ValidationFailed");
    }

    @Test
    void deletedReleaseIsGoneAndLeavesNoActiveRelease() {
        api().delete("/v4/releases/3").then().statusCode(204);

        expectError(api().get("/v4/releases/3"), 410, "Gone");
        expectError(api().contentType(ContentType.JSON).body("{\"active\":true}").patch("/v4/releases/3"), 410, "Gone");
        api().get("/v4/deployments/1").then()
                .body("numReleases", equalTo(2))
                .body("latestRelease.id", equalTo(2));
        api().get("/v4/deployments/1/releases").then().body("data.id", contains(1, 2))
                .body("data.active", everyItem(nullValue()));
        expectError(api().post("/v4/deployments/1/run"), 400, "ValidationFailed");
    }

    @Test
    void everyResponseCarriesAFreshRequestId() {
        String first = api().get("/v4/deployments").then().statusCode(200)
                .header(TrifactaSandboxFilters.REQUEST_ID_HEADER, matchesPattern(UUID_PATTERN))
                .extract().header(TrifactaSandboxFilters.REQUEST_ID_HEADER);
        String second = api().get("/v4/deployments").then()
                .extract().header(TrifactaSandboxFilters.REQUEST_ID_HEADER);
        assertThat(second).isNotEqualTo(first);

        api().get("/v4/releases/999").then().statusCode(404)
                .header(TrifactaSandboxFilters.REQUEST_ID_HEADER, matchesPattern(UUID_PATTERN));
        given().basePath("/sandbox/trifacta").get("/v4/deployments").then().statusCode(401)
                .header(TrifactaSandboxFilters.REQUEST_ID_HEADER, matchesPattern(UUID_PATTERN));
        api().delete("/v4/releases/1").then().statusCode(204)
                .header(TrifactaSandboxFilters.REQUEST_ID_HEADER, matchesPattern(UUID_PATTERN));
    }

    @Test
    void frameworkErrorsStillAnswerTheExceptionBody() {
        expectError(api().get("/v4/no-such-route"), 404, "RouteNotFoundException")
                .header(TrifactaSandboxFilters.REQUEST_ID_HEADER, matchesPattern(UUID_PATTERN));
        // like the real (route-table) server, an unsupported method is an unknown route
        expectError(api().put("/v4/releases/1"), 404, "RouteNotFoundException");
        expectError(api().get("/v3/deployments"), 404, "RouteNotFoundException");
        expectError(api().contentType(ContentType.JSON).body("{}").post("/v4/deployments/1/releases"),
                415, "UnsupportedMediaType");
    }

    @Test
    void unexpectedFailuresAnswerTheExceptionBodyWithoutInternals() {
        // no endpoint can be made to fail on purpose, so call the resource's own mapper directly
        jakarta.ws.rs.core.Response response = new TrifactaSandboxResource(state)
                .mapUnexpected(new IllegalStateException("secret internals"));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getEntity()).isInstanceOfSatisfying(TrifactaJson.ErrorBody.class, body -> {
            assertThat(body.exception().name()).isEqualTo("InternalServerError");
            assertThat(body.exception().message()).isNotBlank();
            assertThat(body.exception().details()).doesNotContain("secret internals");
        });
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static RequestSpecification api() {
        return given().basePath("/sandbox/trifacta").auth().oauth2(TOKEN);
    }

    private static RequestSpecification upload(byte[] content, String fileName) {
        return api().multiPart("data", fileName, content, "application/zip");
    }

    /** Asserts the error envelope and returns the response for further checks. */
    private static ValidatableResponse expectError(Response response, int status, String name) {
        return response.then().statusCode(status)
                .contentType(ContentType.JSON)
                .body("exception.name", equalTo(name))
                .body("exception.message", notNullValue())
                .body("exception", hasKey("details"))
                .body(not(containsString("at io.")))
                .header(TrifactaSandboxFilters.REQUEST_ID_HEADER, matchesPattern(UUID_PATTERN));
    }

    private static int releaseCount() {
        return api().get("/v4/releases?noLimit=true").then().statusCode(200).extract().<List<Integer>>path("data.id").size();
    }

    /** Moves the clock to the job group's end, where its status is final. */
    private void finishJobs(int jobGroupId, String expected) {
        clock.advance(JOB_DURATION);
        assertThat(api().get("/v4/jobGroups/" + jobGroupId + "/status").then().statusCode(200).extract().asString())
                .isEqualTo("\"" + expected + "\"");
    }

    private static byte[] zip(Map<String, String> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
