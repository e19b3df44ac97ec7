package io.releasegraph.sandbox.launchdarkly;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.support.LaunchDarklyOpenApi;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class LaunchDarklySandboxTest {

    static final String TOKEN = "sandbox-launchdarkly-token";
    static final String LEGACY_RELEASE = "/api/v2/flags/web-app/new-checkout-flow/release";
    static final String NEW_RELEASE = "/api/v2/flags/web-app/dark-mode/release";

    @Inject
    LaunchDarklyStore store;

    @Inject
    LaunchDarklyRateLimiter rateLimiter;

    @BeforeEach
    void resetSandbox() {
        store.reset();
        rateLimiter.reset();
    }

    /** A request as the gateway sends it: raw token, beta opt-in, JSON; paths are the vendor's. */
    static RequestSpecification ld() {
        return given().basePath("/sandbox/launchdarkly")
                .header("Authorization", TOKEN)
                .header("LD-API-Version", "beta")
                .contentType(ContentType.JSON);
    }

    /** Sends the request and checks the answer against the vendor OpenAPI spec. */
    static Response checked(String method, String path, Object body) {
        RequestSpecification request = ld();
        if (body != null) {
            request.body(body);
        }
        Response response = request.request(method, path);
        LaunchDarklyOpenApi.assertValidResponse(method, path, response);
        return response;
    }

    static Response checked(String method, String path) {
        return checked(method, path, null);
    }

    static String phasePath(String flagKey, String phaseId) {
        return "/api/v2/projects/web-app/flags/" + flagKey + "/release/phases/" + phaseId;
    }

    static List<Map<String, Object>> replace(int index, Object value) {
        return List.of(Map.of("op", "replace", "path", "/phases/" + index + "/complete", "value", value));
    }

    static void assertInvalidRequest(Response response) {
        response.then().statusCode(400).body("code", equalTo("invalid_request")).body("message", notNullValue());
    }

    // --- GET release ---

    @Test
    void getReturnsTheFlagsCurrentRelease() {
        JsonPath release = checked("GET", LEGACY_RELEASE).then().statusCode(200).extract().jsonPath();

        assertThat(release.getString("name")).isEqualTo("Standard rollout");
        assertThat(release.getString("releasePipelineKey")).isEqualTo("standard-rollout");
        assertThat(release.getString("releasePipelineDescription")).isNotBlank();
        assertThat(release.getString("_links.self.href")).isEqualTo(LEGACY_RELEASE);
        assertThat(release.getList("phases._name")).containsExactly("Development", "Staging", "Production");
        assertThat(release.getList("phases.complete")).containsExactly(true, false, false);
        assertThat(release.getList("phases.started")).containsExactly(true, true, false);
        assertThat(release.getList("phases.status")).containsExactly("completed", "active", "not_started");
        assertThat(release.getString("phases[0]._completedBy.member._id")).isEqualTo(LaunchDarklySeed.MEMBER_ID);
        assertThat(release.getString("phases[0]._audiences[0].environment.key")).isEqualTo("development");
        assertThat(release.getString("phases[0]._audiences[0].environment.color")).isNotBlank();
        assertThat(release.getMap("phases[2]")).doesNotContainKeys("_startedDate", "_completionDate", "_completedBy");
        // release phases share their pipeline phase's id
        List<String> pipelinePhaseIds = checked("GET", "/api/v2/projects/web-app/release-pipelines/standard-rollout")
                .jsonPath().getList("phases.id");
        assertThat(release.getList("phases._id")).isEqualTo(pipelinePhaseIds);
    }

    @Test
    void getAnswers404WhenTheFlagHasNoRelease() {
        checked("GET", "/api/v2/flags/web-app/legacy-banner/release").then().statusCode(404)
                .body("code", equalTo("not_found")).body("message", containsString("no release"));
        checked("GET", "/api/v2/flags/web-app/no-such-flag/release").then().statusCode(404);
        checked("GET", "/api/v2/flags/no-such-project/dark-mode/release").then().statusCode(404);
    }

    // --- PATCH (legacy pipelines) ---

    @Test
    void patchMarksALegacyPhaseComplete() {
        int version = ld().get(LEGACY_RELEASE).jsonPath().getInt("_version");
        long before = System.currentTimeMillis();

        JsonPath release = checked("PATCH", LEGACY_RELEASE, replace(2, true)).then().statusCode(200)
                .extract().jsonPath();

        long after = System.currentTimeMillis();
        assertThat(release.getInt("_version")).isEqualTo(version + 1);
        assertThat(release.getBoolean("phases[2].complete")).isTrue();
        assertThat(release.getBoolean("phases[2].started")).isTrue();
        assertThat(release.getString("phases[2].status")).isEqualTo("completed");
        assertThat(release.getLong("phases[2]._completionDate")).isBetween(before, after);
        assertThat(release.getLong("phases[2]._startedDate")).isBetween(before, after);
        Map<String, Object> member = release.getMap("phases[2]._completedBy.member");
        assertThat(member).containsEntry("_id", LaunchDarklySeed.MEMBER_ID)
                .containsEntry("email", "release.bot@releasegraph.example")
                .containsEntry("role", "admin")
                .containsKeys("_links", "firstName", "lastName");
        // the change is kept
        assertThat(ld().get(LEGACY_RELEASE).jsonPath().getBoolean("phases[2].complete")).isTrue();
    }

    @Test
    void patchMarksACompletePhaseIncompleteAgain() {
        int version = ld().get(LEGACY_RELEASE).jsonPath().getInt("_version");

        JsonPath release = checked("PATCH", LEGACY_RELEASE, replace(0, false)).then().statusCode(200)
                .extract().jsonPath();

        assertThat(release.getInt("_version")).isEqualTo(version + 1);
        assertThat(release.getBoolean("phases[0].complete")).isFalse();
        assertThat(release.getString("phases[0].status")).isEqualTo("active");
        assertThat(release.getMap("phases[0]")).doesNotContainKeys("_completionDate", "_completedBy");
    }

    @Test
    void patchAppliesSeveralOperationsInOrderAndBumpsTheVersionOnce() {
        int version = ld().get(LEGACY_RELEASE).jsonPath().getInt("_version");
        List<Map<String, Object>> patch = List.of(
                Map.of("op", "replace", "path", "/phases/1/complete", "value", true),
                Map.of("op", "replace", "path", "/phases/1/complete", "value", false),
                Map.of("op", "replace", "path", "/phases/2/complete", "value", true));

        JsonPath release = checked("PATCH", LEGACY_RELEASE, patch).then().statusCode(200).extract().jsonPath();

        assertThat(release.getList("phases.complete")).containsExactly(true, false, true);
        assertThat(release.getInt("_version")).isEqualTo(version + 1);
    }

    @Test
    void patchReMarkingAPhaseAsItIsKeepsItsDates() {
        JsonPath before = ld().get(LEGACY_RELEASE).jsonPath();

        JsonPath after = checked("PATCH", LEGACY_RELEASE, replace(0, true)).then().statusCode(200)
                .extract().jsonPath();

        assertThat(after.getLong("phases[0]._completionDate")).isEqualTo(before.getLong("phases[0]._completionDate"));
        assertThat(after.getLong("phases[0]._startedDate")).isEqualTo(before.getLong("phases[0]._startedDate"));
        assertThat(after.getInt("_version")).isEqualTo(before.getInt("_version") + 1);
    }

    @Test
    void concurrentPatchesAreEachAppliedOnce() throws Exception {
        int version = ld().get(LEGACY_RELEASE).jsonPath().getInt("_version");
        int patches = 24;
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> statuses = pool.invokeAll(IntStream.range(0, patches)
                    .mapToObj(i -> (Callable<Integer>) () -> ld().body(replace(2, i % 2 == 0)).patch(LEGACY_RELEASE)
                            .statusCode())
                    .toList());
            for (Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }

        assertThat(ld().get(LEGACY_RELEASE).jsonPath().getInt("_version")).isEqualTo(version + patches);
    }

    @Test
    void patchIsAtomicSoOneBadOperationChangesNothing() {
        String before = ld().get(LEGACY_RELEASE).asString();
        List<Map<String, Object>> patch = List.of(
                Map.of("op", "replace", "path", "/phases/1/complete", "value", true),
                Map.of("op", "replace", "path", "/phases/7/complete", "value", true));

        assertInvalidRequest(checked("PATCH", LEGACY_RELEASE, patch));

        assertThat(ld().get(LEGACY_RELEASE).asString()).isEqualTo(before);
    }

    /** One JSON Patch operation as raw JSON text, so tests can send what a typed body could not. */
    static String op(String op, String path, String valueJson) {
        return "{\"op\":\"" + op + "\",\"path\":\"" + path + "\""
                + (valueJson == null ? "" : ",\"value\":" + valueJson) + "}";
    }

    static Stream<Arguments> invalidPatches() {
        return Stream.of(
                Arguments.of("another op", "[" + op("add", "/phases/1/complete", "true") + "]"),
                Arguments.of("test op", "[" + op("test", "/phases/1/complete", "true") + "]"),
                Arguments.of("another path", "[" + op("replace", "/phases/1/started", "true") + "]"),
                Arguments.of("/phase/ instead of /phases/", "[" + op("replace", "/phase/0/complete", "true") + "]"),
                Arguments.of("string value", "[" + op("replace", "/phases/1/complete", "\"true\"") + "]"),
                Arguments.of("null value", "[" + op("replace", "/phases/1/complete", "null") + "]"),
                Arguments.of("missing value", "[" + op("replace", "/phases/1/complete", null) + "]"),
                Arguments.of("index out of range", "[" + op("replace", "/phases/3/complete", "true") + "]"),
                Arguments.of("negative index", "[" + op("replace", "/phases/-1/complete", "true") + "]"),
                Arguments.of("not an array", op("replace", "/phases/1/complete", "true")),
                Arguments.of("array of non-objects", "[\"replace\"]"),
                Arguments.of("empty patch", "[]"),
                Arguments.of("unparseable JSON", "[{\"op\":"),
                Arguments.of("no body", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPatches")
    void patchRejectsAnythingButReplacingPhaseCompleteWithABoolean(String why, String body) {
        String before = ld().get(LEGACY_RELEASE).asString();

        Response response = ld().body(body).patch(LEGACY_RELEASE);

        assertInvalidRequest(response);
        LaunchDarklyOpenApi.assertValidResponse("PATCH", LEGACY_RELEASE, response);
        assertThat(ld().get(LEGACY_RELEASE).asString()).isEqualTo(before);
    }

    @Test
    void patchRejectsAReleaseOfANewPipeline() {
        String before = ld().get(NEW_RELEASE).asString();

        Response response = checked("PATCH", NEW_RELEASE, replace(1, true));

        assertInvalidRequest(response);
        response.then().body("message", containsString("/release/phases/"));
        assertThat(ld().get(NEW_RELEASE).asString()).isEqualTo(before);
    }

    @Test
    void patchAnswers404WithoutARelease() {
        checked("PATCH", "/api/v2/flags/web-app/legacy-banner/release", replace(0, true)).then().statusCode(404);
    }

    // --- phase status (new pipelines) ---

    @Test
    void phaseStatusCompletesTheActivePhaseThenStartsAndCompletesTheNext() {
        JsonPath release = ld().get(NEW_RELEASE).jsonPath();
        int version = release.getInt("_version");
        String beta = release.getString("phases[1]._id");
        String ga = release.getString("phases[2]._id");

        JsonPath completed = checked("PUT", phasePath("dark-mode", beta), Map.of("status", "completed"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(completed.getBoolean("phases[1].complete")).isTrue();
        assertThat(completed.getString("phases[1].status")).isEqualTo("completed");
        assertThat(completed.getString("phases[1]._completedBy.member._id")).isEqualTo(LaunchDarklySeed.MEMBER_ID);
        assertThat(completed.getLong("phases[1]._completionDate")).isPositive();
        assertThat(completed.getInt("_version")).isEqualTo(version + 1);

        long before = System.currentTimeMillis();
        JsonPath started = checked("PUT", phasePath("dark-mode", ga), Map.of("status", "active"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(started.getBoolean("phases[2].started")).isTrue();
        assertThat(started.getBoolean("phases[2].complete")).isFalse();
        assertThat(started.getString("phases[2].status")).isEqualTo("active");
        assertThat(started.getLong("phases[2]._startedDate")).isBetween(before, System.currentTimeMillis());
        assertThat(started.getString("phases[2]._audiences[0].status")).isEqualTo("active");
        assertThat(started.getList("phases[2]._audiences[0]._ruleIds")).hasSize(1);
        assertThat(started.getInt("_version")).isEqualTo(version + 2);

        JsonPath done = checked("PUT", phasePath("dark-mode", ga), Map.of("status", "completed"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(done.getList("phases.complete")).containsOnly(true);
        assertThat(done.getInt("_version")).isEqualTo(version + 3);
    }

    @Test
    void phaseStatusRefusesToStartAPhaseBeforeTheEarlierOnesAreComplete() {
        String before = ld().get(NEW_RELEASE).asString();
        String ga = JsonPath.from(before).getString("phases[2]._id");

        assertInvalidRequest(checked("PUT", phasePath("dark-mode", ga), Map.of("status", "active")));

        assertThat(ld().get(NEW_RELEASE).asString()).isEqualTo(before);
    }

    @Test
    void phaseStatusRejectsMovesThePhaseCannotMake() {
        JsonPath release = ld().get(NEW_RELEASE).jsonPath();
        String testing = release.getString("phases[0]._id");
        String beta = release.getString("phases[1]._id");
        String ga = release.getString("phases[2]._id");

        assertInvalidRequest(checked("PUT", phasePath("dark-mode", beta), Map.of("status", "active")));
        assertInvalidRequest(checked("PUT", phasePath("dark-mode", testing), Map.of("status", "completed")));
        assertInvalidRequest(checked("PUT", phasePath("dark-mode", ga), Map.of("status", "completed")));
        assertInvalidRequest(checked("PUT", phasePath("dark-mode", beta), Map.of("status", "Started")));
        assertInvalidRequest(checked("PUT", phasePath("dark-mode", beta), Map.of()));
        assertInvalidRequest(checked("PUT", phasePath("dark-mode", beta), "[]"));
        assertThat(ld().get(NEW_RELEASE).jsonPath().getInt("_version")).isEqualTo(release.getInt("_version"));
    }

    @Test
    void phaseStatusAppliesAudienceSettingsWhenStartingAPhase() {
        String beta = ld().get(NEW_RELEASE).jsonPath().getString("phases[1]._id");
        JsonPath release = ld().body(Map.of("status", "completed")).put(phasePath("dark-mode", beta)).jsonPath();
        String ga = release.getString("phases[2]._id");
        String audience = release.getString("phases[2]._audiences[0]._id");
        Map<String, Object> input = Map.of("status", "active", "audiences", List.of(Map.of(
                "audienceId", audience,
                "notifyTeamKeys", List.of("sre"),
                "releaseGuardianConfiguration", Map.of("rolloutWeight", 50))));

        JsonPath started = checked("PUT", phasePath("dark-mode", ga), input).then().statusCode(200)
                .extract().jsonPath();

        String configuration = "phases[2]._audiences[0].configuration.";
        assertThat(started.getList(configuration + "notifyTeamKeys")).containsExactly("sre");
        assertThat(started.getInt(configuration + "releaseGuardianConfiguration.rolloutWeight")).isEqualTo(50);
        assertThat(started.getLong(configuration + "releaseGuardianConfiguration.monitoringWindowMilliseconds"))
                .isEqualTo(3_600_000L);
    }

    @Test
    void phaseStatusRejectsSettingsForAnAudienceOfAnotherPhase() {
        JsonPath release = ld().get(NEW_RELEASE).jsonPath();
        Map<String, Object> input = Map.of("status", "completed", "audiences",
                List.of(Map.of("audienceId", release.getString("phases[0]._audiences[0]._id"))));

        assertInvalidRequest(checked("PUT", phasePath("dark-mode", release.getString("phases[1]._id")), input));
    }

    @Test
    void phaseStatusAnswers404ForAnUnknownPhaseOrRelease() {
        checked("PUT", phasePath("dark-mode", "65f1c0deffffffffffffffff"), Map.of("status", "active"))
                .then().statusCode(404).body("code", equalTo("not_found"))
                .body("message", equalTo("release or phase not found"));
        checked("PUT", phasePath("legacy-banner", "65f1c0deffffffffffffffff"), Map.of("status", "active"))
                .then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void phaseStatusRejectsAReleaseOfALegacyPipeline() {
        String staging = ld().get(LEGACY_RELEASE).jsonPath().getString("phases[1]._id");

        Response response = checked("PUT", phasePath("new-checkout-flow", staging), Map.of("status", "completed"));

        assertInvalidRequest(response);
        response.then().body("message", containsString("PATCH"));
    }

    // --- create and delete ---

    @Test
    void putCreatesAReleaseFromThePipelineWith200() {
        String path = "/api/v2/projects/web-app/flags/legacy-banner/release";

        Response created = checked("PUT", path,
                Map.of("releasePipelineKey", "guarded-rollout", "releaseVariationId", "variation-on"));

        created.then().statusCode(200);
        JsonPath release = created.jsonPath();
        JsonPath pipeline = ld().get("/api/v2/projects/web-app/release-pipelines/guarded-rollout").jsonPath();
        assertThat(release.getString("releasePipelineKey")).isEqualTo("guarded-rollout");
        assertThat(release.getString("name")).isEqualTo(pipeline.getString("name"));
        assertThat(release.getInt("_version")).isEqualTo(1);
        assertThat(release.getString("_releaseVariationId")).isEqualTo("variation-on");
        assertThat(release.getList("phases._id")).isEqualTo(pipeline.getList("phases.id"));
        assertThat(release.getList("phases._name")).isEqualTo(pipeline.getList("phases.name"));
        assertThat(release.getList("phases.started")).containsOnly(false);
        assertThat(release.getList("phases.complete")).containsOnly(false);
        assertThat(release.getList("phases[0]._audiences.name")).containsExactly("Developers", "QA");
        assertThat(ld().get("/api/v2/flags/web-app/legacy-banner/release").asString()).isEqualTo(created.asString());
    }

    @Test
    void putRejectsBadCreateRequests() {
        String path = "/api/v2/projects/web-app/flags/legacy-banner/release";
        assertInvalidRequest(checked("PUT", path, Map.of("releaseVariationId", "variation-on")));
        assertInvalidRequest(checked("PUT", path, "not json"));
        checked("PUT", path, Map.of("releasePipelineKey", "no-such-pipeline")).then().statusCode(404);
        checked("PUT", "/api/v2/projects/web-app/flags/no-such-flag/release",
                Map.of("releasePipelineKey", "guarded-rollout")).then().statusCode(404);
        assertInvalidRequest(checked("PUT", "/api/v2/projects/web-app/flags/dark-mode/release",
                Map.of("releasePipelineKey", "standard-rollout")));
    }

    @Test
    void deleteAnswers204ThenTheReleaseIsGone() {
        Response deleted = checked("DELETE", NEW_RELEASE);

        deleted.then().statusCode(204);
        assertThat(deleted.asString()).isEmpty();
        ld().get(NEW_RELEASE).then().statusCode(404).body("code", equalTo("not_found"));
        checked("DELETE", NEW_RELEASE).then().statusCode(404);
    }

    // --- release pipelines ---

    @Test
    void pipelinesListPagesAndCounts() {
        String base = "/api/v2/projects/web-app/release-pipelines";

        JsonPath all = checked("GET", base).then().statusCode(200).extract().jsonPath();
        assertThat(all.getInt("totalCount")).isEqualTo(3);
        assertThat(all.getList("items.key")).containsExactly("standard-rollout", "guarded-rollout",
                "hotfix-fast-track");

        JsonPath page = checked("GET", base + "?limit=1&offset=1").then().statusCode(200).extract().jsonPath();
        assertThat(page.getInt("totalCount")).isEqualTo(3);
        assertThat(page.getList("items.key")).containsExactly("guarded-rollout");

        JsonPath past = checked("GET", base + "?offset=5").jsonPath();
        assertThat(past.getList("items")).isEmpty();
        assertThat(past.getInt("totalCount")).isEqualTo(3);
    }

    @Test
    void pipelinesListFiltersByTextAndEnvironment() {
        String base = "/api/v2/projects/web-app/release-pipelines";

        assertThat(checked("GET", base + "?filter=query:GUARDED").jsonPath().getList("items.key"))
                .containsExactly("guarded-rollout");
        // query also matches the description
        assertThat(checked("GET", base + "?filter=query:smoke").jsonPath().getList("items.key"))
                .containsExactly("hotfix-fast-track");
        JsonPath development = checked("GET", base + "?filter=env:development").jsonPath();
        assertThat(development.getList("items.key")).containsExactly("standard-rollout", "guarded-rollout");
        assertThat(development.getInt("totalCount")).isEqualTo(2);
        assertThat(checked("GET", base + "?filter=query:rollout,env:staging").jsonPath().getList("items.key"))
                .containsExactly("standard-rollout", "guarded-rollout");
    }

    @Test
    void pipelinesListRejectsBadParameters() {
        String base = "/api/v2/projects/web-app/release-pipelines";
        assertInvalidRequest(ld().get(base + "?limit=abc"));
        assertInvalidRequest(ld().get(base + "?limit=0"));
        assertInvalidRequest(ld().get(base + "?offset=-1"));
        assertInvalidRequest(ld().get(base + "?filter=owner:me"));
        checked("GET", "/api/v2/projects/no-such-project/release-pipelines").then().statusCode(404)
                .body("code", equalTo("not_found"));
    }

    @Test
    void pipelineGetShowsPhasesAudiencesAndKind() {
        JsonPath guarded = checked("GET", "/api/v2/projects/web-app/release-pipelines/guarded-rollout")
                .then().statusCode(200).extract().jsonPath();

        assertThat(guarded.getBoolean("_isLegacy")).isFalse();
        assertThat(guarded.getBoolean("isProjectDefault")).isFalse();
        assertThat(guarded.getString("createdAt")).endsWith("Z");
        assertThat(guarded.getList("phases.name")).containsExactly("Testing", "Beta", "General availability");
        assertThat(guarded.getList("phases.id")).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(guarded.getBoolean("phases[1].audiences[0].configuration.requireApproval")).isTrue();
        assertThat(guarded.getList("phases[1].audiences[0].segmentKeys")).containsExactly("beta-testers");
        assertThat(guarded.getInt("phases[2].audiences[0].configuration.releaseGuardianConfiguration.rolloutWeight"))
                .isEqualTo(25);

        JsonPath standard = checked("GET", "/api/v2/projects/mobile-app/release-pipelines/standard-rollout")
                .jsonPath();
        assertThat(standard.getBoolean("_isLegacy")).isTrue();
        assertThat(standard.getBoolean("isProjectDefault")).isTrue();
        assertThat(standard.getList("phases.audiences.environment.key").toString())
                .isEqualTo("[[development], [staging], [production]]");

        checked("GET", "/api/v2/projects/web-app/release-pipelines/no-such-pipeline").then().statusCode(404)
                .body("code", equalTo("not_found"));
    }

    // --- release progressions ---

    static final String PROGRESSIONS = "/api/v2/projects/web-app/release-pipelines/guarded-rollout/releases";

    @Test
    void progressionsSummariseEveryReleaseOfThePipeline() {
        JsonPath all = checked("GET", PROGRESSIONS).then().statusCode(200).extract().jsonPath();
        String beta = pipelinePhaseId(1);

        assertThat(all.getInt("totalCount")).isEqualTo(2);
        assertThat(all.getInt("activeCount")).isEqualTo(1);
        assertThat(all.getInt("completedCount")).isEqualTo(1);
        assertThat(all.getList("items.flagKey")).containsExactly("search-v2", "dark-mode");
        assertThat(all.getLong("items[0]._completedAt")).isPositive();
        assertThat(all.getMap("items[0]")).doesNotContainKey("activePhaseId");
        assertThat(all.getString("items[1].activePhaseId")).isEqualTo(beta);
        assertThat(all.getMap("items[1]")).doesNotContainKey("_completedAt");
        assertThat(all.getString("items[1]._links.self.href")).isEqualTo(NEW_RELEASE);
        assertThat(all.getList("phases.name")).containsExactly("Testing", "Beta", "General availability");
        assertThat(all.getList("phases.releaseCount")).containsExactly(0, 1, 0);
        assertThat(all.getString("_links.self.href")).isEqualTo(PROGRESSIONS);
    }

    @Test
    void progressionsFollowReleaseChanges() {
        ld().body(Map.of("releasePipelineKey", "guarded-rollout"))
                .put("/api/v2/projects/web-app/flags/legacy-banner/release").then().statusCode(200);

        JsonPath all = checked("GET", PROGRESSIONS).jsonPath();

        assertThat(all.getInt("totalCount")).isEqualTo(3);
        assertThat(all.getList("items.flagKey")).last().isEqualTo("legacy-banner");
        assertThat(all.getList("phases.releaseCount")).containsExactly(1, 1, 0);
    }

    @Test
    void progressionsFilterByStatusAndActivePhase() {
        String beta = pipelinePhaseId(1);
        String testing = pipelinePhaseId(0);

        assertThat(checked("GET", PROGRESSIONS + "?filter=status:completed").jsonPath().getList("items.flagKey"))
                .containsExactly("search-v2");
        JsonPath active = checked("GET", PROGRESSIONS + "?filter=status:active").jsonPath();
        assertThat(active.getList("items.flagKey")).containsExactly("dark-mode");
        assertThat(active.getInt("totalCount")).isEqualTo(1);
        assertThat(checked("GET", PROGRESSIONS + "?filter=activePhaseId:" + beta).jsonPath().getList("items.flagKey"))
                .containsExactly("dark-mode");
        assertThat(checked("GET", PROGRESSIONS + "?filter=activePhaseId:" + testing).jsonPath().getList("items"))
                .isEmpty();
        // the spec: status active with activePhaseId is the same as activePhaseId alone
        assertThat(checked("GET", PROGRESSIONS + "?filter=status:active,activePhaseId:" + beta).jsonPath()
                .getList("items.flagKey")).containsExactly("dark-mode");
        JsonPath paged = checked("GET", PROGRESSIONS + "?limit=1&offset=1").jsonPath();
        assertThat(paged.getList("items.flagKey")).containsExactly("dark-mode");
        assertThat(paged.getInt("totalCount")).isEqualTo(2);
    }

    @Test
    void progressionsRejectCompletedTogetherWithActivePhaseAndUnknownValues() {
        assertInvalidRequest(ld().get(PROGRESSIONS + "?filter=status:completed,activePhaseId:" + pipelinePhaseId(1)));
        assertInvalidRequest(ld().get(PROGRESSIONS + "?filter=status:paused"));
        assertInvalidRequest(ld().get(PROGRESSIONS + "?filter=flagKey:dark-mode"));
        checked("GET", "/api/v2/projects/web-app/release-pipelines/no-such-pipeline/releases").then().statusCode(404);
    }

    static String pipelinePhaseId(int index) {
        return ld().get("/api/v2/projects/web-app/release-pipelines/guarded-rollout").jsonPath()
                .getString("phases[" + index + "].id");
    }

    // --- headers (D8) and errors ---

    @Test
    void missingOrBearerOrWrongTokenIs401() {
        given().basePath("/sandbox/launchdarkly").header("LD-API-Version", "beta").get(LEGACY_RELEASE)
                .then().statusCode(401).contentType(ContentType.JSON).body("code", equalTo("unauthorized"))
                .body("message", notNullValue());
        Response bearer = given().basePath("/sandbox/launchdarkly").header("LD-API-Version", "beta")
                .header("Authorization", "Bearer " + TOKEN).contentType(ContentType.JSON)
                .body(replace(0, true)).patch(LEGACY_RELEASE);
        bearer.then().statusCode(401).body("code", equalTo("unauthorized"));
        LaunchDarklyOpenApi.assertValidResponse("PATCH", LEGACY_RELEASE, bearer);
        given().basePath("/sandbox/launchdarkly").header("LD-API-Version", "beta").header("Authorization", "x")
                .get(LEGACY_RELEASE).then().statusCode(401).body("code", equalTo("unauthorized"));
        // the token is checked before the beta header
        given().basePath("/sandbox/launchdarkly").get(LEGACY_RELEASE).then().statusCode(401);
    }

    @Test
    void missingOrWrongBetaHeaderIs403() {
        Response missing = given().basePath("/sandbox/launchdarkly").header("Authorization", TOKEN)
                .contentType(ContentType.JSON).body(replace(0, true)).patch(LEGACY_RELEASE);
        missing.then().statusCode(403).contentType(ContentType.JSON).body("code", equalTo("forbidden"))
                .body("message", containsString("LD-API-Version"));
        LaunchDarklyOpenApi.assertValidResponse("PATCH", LEGACY_RELEASE, missing);
        given().basePath("/sandbox/launchdarkly").header("Authorization", TOKEN).header("LD-API-Version", "20240415")
                .get(LEGACY_RELEASE).then().statusCode(403).body("code", equalTo("forbidden"));
        // nothing was applied
        assertThat(ld().get(LEGACY_RELEASE).jsonPath().getBoolean("phases[0].complete")).isTrue();
    }

    @Test
    void everyAnswerCarriesTheRateLimitHeaders() {
        long now = System.currentTimeMillis();
        Response ok = ld().get(LEGACY_RELEASE);
        Response refused = given().basePath("/sandbox/launchdarkly").get(LEGACY_RELEASE);

        for (Response response : List.of(ok, refused)) {
            assertThat(Integer.parseInt(response.header("X-Ratelimit-Route-Remaining"))).isBetween(0, 99);
            assertThat(Long.parseLong(response.header("X-Ratelimit-Reset"))).isGreaterThan(now);
        }
    }

    @Test
    void unknownRoutesAnswerWithTheJsonErrorShape() {
        ld().get("/api/v2/flags/web-app").then().statusCode(404).contentType(ContentType.JSON)
                .body("code", equalTo("not_found"));
    }

    @Test
    void unexpectedFailuresAnswerJsonWithoutDetails() {
        var resource = new LaunchDarklySandboxResource(store, new ObjectMapper());

        jakarta.ws.rs.core.Response response = resource.mapUnexpected(new IllegalStateException("secret detail"));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getEntity()).isInstanceOfSatisfying(LdWire.ApiError.class, error -> {
            assertThat(error.code()).isEqualTo("internal_server_error");
            assertThat(error.message()).doesNotContain("secret");
        });
    }

    @Test
    void openApiHelperIgnoresTheBetaHeaderAndReportsRealProblems() {
        // the beta header is not in the spec and must pass; a missing required field must not
        Map<String, String> headers = Map.of("Authorization", TOKEN, "LD-API-Version", "beta",
                "Content-Type", "application/json");
        LaunchDarklyOpenApi.assertValidRequest("PATCH", LEGACY_RELEASE, headers,
                "[{\"op\":\"replace\",\"path\":\"/phases/0/complete\",\"value\":true}]");
        LaunchDarklyOpenApi.assertValidRequest("GET", PROGRESSIONS + "?filter=status:active&limit=5", headers, null);
        assertThat(LaunchDarklyOpenApi.requestProblems("PUT", "/api/v2/projects/web-app/flags/x/release", headers,
                "{\"releaseVariationId\":\"v\"}")).isNotEmpty();
        assertThat(LaunchDarklyOpenApi.responseProblems("GET", LEGACY_RELEASE, 200,
                Map.of("Content-Type", "application/json"), "{\"name\":\"x\"}"))
                .anySatisfy(problem -> assertThat(problem).contains("_version"));
        // an error body may carry an id, a release may not
        String errorWithId = "{\"code\":\"not_found\",\"message\":\"m\",\"id\":\"1\"}";
        assertThat(LaunchDarklyOpenApi.responseProblems("GET", LEGACY_RELEASE, 404,
                Map.of("Content-Type", "application/json"), errorWithId)).isEmpty();
        String releaseWithId = ld().get(LEGACY_RELEASE).asString().replaceFirst("\\{", "{\"id\":\"1\",");
        assertThat(LaunchDarklyOpenApi.responseProblems("GET", LEGACY_RELEASE, 200,
                Map.of("Content-Type", "application/json"), releaseWithId))
                .anySatisfy(problem -> assertThat(problem).contains("additionalProperties"));
    }
}
