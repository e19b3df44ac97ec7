package io.releasegraph.sandbox.cryptlex;

import static io.releasegraph.sandbox.cryptlex.CryptlexSeed.CLI_1_10_0_BETA;
import static io.releasegraph.sandbox.cryptlex.CryptlexSeed.CLI_PRODUCT_ID;
import static io.releasegraph.sandbox.cryptlex.CryptlexSeed.STUDIO_2_2_1;
import static io.releasegraph.sandbox.cryptlex.CryptlexSeed.STUDIO_2_4_0;
import static io.releasegraph.sandbox.cryptlex.CryptlexSeed.STUDIO_2_5_1_BETA;
import static io.releasegraph.sandbox.cryptlex.CryptlexSeed.STUDIO_NIGHTLY_1107;
import static io.releasegraph.sandbox.cryptlex.CryptlexSeed.STUDIO_PRODUCT_ID;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class CryptlexSandboxTest {

    static final String TOKEN = "sandbox-cryptlex-token";
    static final String READ_TOKEN = "sandbox-cryptlex-read-token";
    static final String ISO_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z";

    private static final List<String> RELEASE_FIELDS = List.of("id", "createdAt", "updatedAt", "name", "channel",
            "version", "platforms", "notes", "totalFiles", "publishedAt", "files", "published", "private",
            "archived", "productId", "tenantId");
    private static final List<String> FILE_FIELDS = List.of("id", "createdAt", "updatedAt", "name", "url", "size",
            "downloads", "extension", "checksum", "secured", "published", "releaseId", "releaseName");
    private static final int SEED_FILE_COUNT = 22;

    @Inject
    CryptlexSandboxState state;

    @Inject
    CryptlexRateLimiter limiter;

    @BeforeEach
    void restoreSeed() {
        state.reset();
        limiter.reset();
    }

    static RequestSpecification api(String token) {
        return given().basePath("/sandbox/cryptlex").auth().oauth2(token).contentType(ContentType.JSON);
    }

    static RequestSpecification api() {
        return api(TOKEN);
    }

    private static List<Map<String, Object>> list(String path, Map<String, ?> query) {
        return api().queryParams(query).get(path).then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static Map<String, Object> release(String id) {
        return api().get("/v3/releases/{id}", id).then().statusCode(200).extract().jsonPath().getMap("$");
    }

    private static void assertError(ValidatableResponse response, int status, String code, String messagePart) {
        response.statusCode(status)
                .contentType(ContentType.JSON)
                .body("code", equalTo(code))
                .body("message", containsString(messagePart));
    }

    // --- listing ---

    @Test
    void pagesNewestFirstUntilAnEmptyPage() {
        List<Map<String, Object>> first = list("/v3/releases", Map.of());
        List<Map<String, Object>> second = list("/v3/releases", Map.of("page", 2));
        List<Map<String, Object>> third = list("/v3/releases", Map.of("page", 3));

        assertThat(first).hasSize(10);
        assertThat(second).hasSize(CryptlexSeed.RELEASE_COUNT - 10);
        assertThat(third).isEmpty();
        List<Instant> created = Stream.concat(first.stream(), second.stream())
                .map(release -> Instant.parse((String) release.get("createdAt"))).toList();
        assertThat(created).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(Stream.concat(first.stream(), second.stream()).map(release -> release.get("id")).distinct())
                .hasSize(CryptlexSeed.RELEASE_COUNT);
    }

    @Test
    void honoursLimit() {
        assertThat(list("/v3/releases", Map.of("limit", 4, "page", 4))).hasSize(1);
        assertThat(list("/v3/releases", Map.of("limit", 100))).hasSize(CryptlexSeed.RELEASE_COUNT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=101", "limit=ten", "page=0", "page=-1", "sort=name",
            "published=yes"})
    void rejectsBadListParameters(String parameter) {
        String[] pair = parameter.split("=");
        assertError(api().queryParam(pair[0], pair[1]).get("/v3/releases").then(), 400, "VALIDATION_ERROR",
                pair[0]);
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                filter("productId", CLI_PRODUCT_ID, 4, r -> CLI_PRODUCT_ID.equals(r.get("productId"))),
                filter("name", "Lumen Studio 2.4.0", 1, r -> STUDIO_2_4_0.equals(r.get("id"))),
                filter("platform", "macos", 8, r -> ((List<?>) r.get("platforms")).contains("macos")),
                filter("channel", "nightly", 3, r -> "nightly".equals(r.get("channel"))),
                filter("channel", "beta", 4, r -> "beta".equals(r.get("channel"))),
                filter("version", "1.10.0", 1, r -> CLI_1_10_0_BETA.equals(r.get("id"))),
                filter("query", "PLUGIN", 2, r -> ((String) r.get("notes")).toLowerCase().contains("plugin")),
                filter("query", "2.5.1", 2, r -> ((String) r.get("version")).startsWith("2.5.1")),
                filter("published", "true", 7, r -> Boolean.TRUE.equals(r.get("published"))),
                filter("published", "false", 6, r -> Boolean.FALSE.equals(r.get("published"))),
                filter("private", "true", 3, r -> Boolean.TRUE.equals(r.get("private"))));
    }

    private static Arguments filter(String name, String value, int expected, Predicate<Map<String, Object>> test) {
        return Arguments.of(name, value, expected, test);
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @MethodSource("filters")
    void filtersReleases(String name, String value, int expected, Predicate<Map<String, Object>> matches) {
        List<Map<String, Object>> found = list("/v3/releases", Map.of(name, value, "limit", 100));

        assertThat(found).hasSize(expected).allMatch(matches);
    }

    @Test
    void combinesFilters() {
        List<Map<String, Object>> found =
                list("/v3/releases", Map.of("productId", STUDIO_PRODUCT_ID, "channel", "beta", "published", false));

        assertThat(found).extracting(r -> r.get("id")).containsExactly(STUDIO_2_5_1_BETA);
    }

    @Test
    void sortsByVersionNumerically() {
        assertThat(list("/v3/releases", Map.of("productId", CLI_PRODUCT_ID, "sort", "version")))
                .extracting(r -> r.get("version")).containsExactly("1.8", "1.9.0", "1.10.0", "1.10.0.7");
        assertThat(list("/v3/releases", Map.of("productId", STUDIO_PRODUCT_ID, "sort", "-version")))
                .extracting(r -> r.get("version"))
                .containsExactly("2.5.1.1107", "2.5.1", "2.5.0.1042", "2.5.0", "2.4.0", "2.3.0", "2.2.1");
    }

    // --- one release ---

    @Test
    void returnsAReleaseInTheSeedShape() {
        Map<String, Object> release = release(STUDIO_2_4_0);

        assertThat(release).containsOnlyKeys(RELEASE_FIELDS);
        assertThat(release).containsEntry("version", "2.4.0").containsEntry("published", true)
                .containsEntry("totalFiles", 3).containsEntry("tenantId", CryptlexSeed.TENANT_ID);
        assertThat((String) release.get("publishedAt")).matches(ISO_UTC);
        assertThat((String) release.get("createdAt")).matches(ISO_UTC);
        List<Map<String, Object>> files = (List<Map<String, Object>>) release.get("files");
        assertThat(files).hasSize(3).allSatisfy(file -> {
            assertThat(file).containsOnlyKeys(FILE_FIELDS)
                    .containsEntry("releaseId", STUDIO_2_4_0)
                    .containsEntry("releaseName", "Lumen Studio 2.4.0")
                    .containsEntry("secured", true)
                    .containsEntry("published", true);
            assertThat((String) file.get("checksum")).matches("[0-9a-f]{32}");
            assertThat((String) file.get("url")).startsWith("https://releases.cryptlex.com/v3/");
        });
        assertThat(files).extracting(file -> file.get("extension")).containsExactly(".exe", ".dmg", ".AppImage");
    }

    @Test
    void seedHasOneArchivedRelease() {
        assertThat(list("/v3/releases", Map.of("limit", 100)))
                .filteredOn(r -> Boolean.TRUE.equals(r.get("archived")))
                .extracting(r -> r.get("id")).containsExactly(STUDIO_2_2_1);
    }

    @Test
    void unknownReleaseIsNotFound() {
        assertError(api().get("/v3/releases/{id}", "6d5b1f8e-0000-4000-8000-000000000000").then(), 404,
                "NOT_FOUND", "6d5b1f8e-0000-4000-8000-000000000000");
    }

    // --- create ---

    @Test
    void createsAnUnpublishedReleaseOnTheStableChannelByDefault() {
        Map<String, Object> created = api()
                .body(Map.of("productId", CLI_PRODUCT_ID, "name", "lumen-cli 1.11.0", "version", "1.11.0",
                        "platforms", List.of("linux")))
                .post("/v3/releases")
                .then().statusCode(201)
                .body("channel", equalTo("stable"))
                .body("published", equalTo(false))
                .body("publishedAt", nullValue())
                .body("private", equalTo(false))
                .body("archived", equalTo(false))
                .body("totalFiles", equalTo(0))
                .body("files", empty())
                .body("notes", equalTo(""))
                .body("tenantId", equalTo(CryptlexSeed.TENANT_ID))
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .extract().jsonPath().getMap("$");

        assertThat(created).containsOnlyKeys(RELEASE_FIELDS);
        assertThat(release((String) created.get("id"))).isEqualTo(created);
        assertThat(list("/v3/releases", Map.of("productId", CLI_PRODUCT_ID))).hasSize(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"productId", "name", "version"})
    void createRequires(String field) {
        Map<String, Object> body = new HashMap<>(
                Map.of("productId", CLI_PRODUCT_ID, "name", "lumen-cli 2.0", "version", "2.0"));
        body.remove(field);

        assertError(api().body(body).post("/v3/releases").then(), 400, "VALIDATION_ERROR", field);
    }

    @Test
    void malformedJsonIsAValidationError() {
        assertError(api().body("{\"name\":").post("/v3/releases").then(), 400, "VALIDATION_ERROR", "JSON");
    }

    // --- PATCH ---

    @Test
    void patchChangesOnlyTheGivenFields() {
        Map<String, Object> before = release(STUDIO_2_5_1_BETA);

        Map<String, Object> after = api()
                .body(Map.of("notes", "Plugin API fixes, HiDPI icons and a faster start.", "surprise", true))
                .patch("/v3/releases/{id}", STUDIO_2_5_1_BETA)
                .then().statusCode(200)
                .extract().jsonPath().getMap("$");

        assertThat(after).containsEntry("notes", "Plugin API fixes, HiDPI icons and a faster start.")
                .doesNotContainKey("surprise");
        for (String unchanged : List.of("id", "createdAt", "name", "channel", "version", "platforms", "private",
                "published", "files", "totalFiles", "productId")) {
            assertThat(after.get(unchanged)).as(unchanged).isEqualTo(before.get(unchanged));
        }
        assertThat(Instant.parse((String) after.get("updatedAt")))
                .isAfter(Instant.parse((String) before.get("updatedAt")));
        assertThat(release(STUDIO_2_5_1_BETA)).isEqualTo(after);
    }

    @Test
    void patchReplacesEveryWritableField() {
        Map<String, Object> after = api()
                .body(Map.of("name", "Lumen Studio 2.6 Beta", "version", "2.6.0", "channel", "beta-2",
                        "platforms", List.of("win64", "macos"), "private", true, "notes", ""))
                .patch("/v3/releases/{id}", STUDIO_2_5_1_BETA)
                .then().statusCode(200)
                .extract().jsonPath().getMap("$");

        assertThat(after).containsEntry("name", "Lumen Studio 2.6 Beta").containsEntry("version", "2.6.0")
                .containsEntry("channel", "beta-2").containsEntry("platforms", List.of("win64", "macos"))
                .containsEntry("private", true).containsEntry("notes", "");
        // the files carry the release name, so they follow a rename
        assertThat((List<Map<String, Object>>) after.get("files"))
                .allSatisfy(file -> assertThat(file).containsEntry("releaseName", "Lumen Studio 2.6 Beta"));
    }

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                Arguments.of("version", "1.2.3.4.5"),
                Arguments.of("version", "1"),
                Arguments.of("version", "1.a"),
                Arguments.of("version", "v1.2"),
                Arguments.of("name", ""),
                Arguments.of("name", "n".repeat(257)),
                Arguments.of("channel", ""),
                Arguments.of("channel", "c".repeat(257)),
                Arguments.of("notes", "x".repeat(4097)),
                Arguments.of("platforms", List.of("windows", "")),
                Arguments.of("platforms", "windows"),
                Arguments.of("private", "yes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFields")
    void patchRejectsInvalidField(String field, Object value) {
        Map<String, Object> before = release(STUDIO_2_5_1_BETA);

        assertError(api().body(Map.of(field, value)).patch("/v3/releases/{id}", STUDIO_2_5_1_BETA).then(),
                400, "VALIDATION_ERROR", field);
        assertThat(release(STUDIO_2_5_1_BETA)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFields")
    void createRejectsInvalidField(String field, Object value) {
        Map<String, Object> body = new HashMap<>(
                Map.of("productId", CLI_PRODUCT_ID, "name", "lumen-cli 2.0", "version", "2.0"));
        body.put(field, value);

        assertError(api().body(body).post("/v3/releases").then(), 400, "VALIDATION_ERROR", field);
        assertThat(list("/v3/releases", Map.of("productId", CLI_PRODUCT_ID))).hasSize(4);
    }

    @Test
    void acceptsValuesAtTheLimits() {
        api().body(Map.of("name", "n".repeat(256), "channel", "c".repeat(256), "notes", "x".repeat(4096),
                        "version", "10.20.30.40"))
                .patch("/v3/releases/{id}", STUDIO_2_5_1_BETA)
                .then().statusCode(200).body("version", equalTo("10.20.30.40"));
        api().body(Map.of("version", "0.1")).patch("/v3/releases/{id}", STUDIO_2_5_1_BETA)
                .then().statusCode(200).body("version", equalTo("0.1"));
    }

    @Test
    void patchOfUnknownReleaseIsNotFound() {
        assertError(api().body(Map.of("notes", "x")).patch("/v3/releases/{id}", "no-such-release").then(),
                404, "NOT_FOUND", "no-such-release");
    }

    // --- publish ---

    @Test
    void publishFreezesTheReleaseAndItsFiles() {
        api().post("/v3/releases/{id}/publish", CLI_1_10_0_BETA)
                .then().statusCode(200)
                .body("published", equalTo(true))
                .body("publishedAt", matchesPattern(ISO_UTC))
                .body("files", hasSize(2))
                .body("files.published", equalTo(List.of(true, true)));

        assertError(api().body(Map.of("notes", "too late")).patch("/v3/releases/{id}", CLI_1_10_0_BETA).then(),
                409, "RELEASE_PUBLISHED", CLI_1_10_0_BETA);
        assertError(api().post("/v3/releases/{id}/publish", CLI_1_10_0_BETA).then(),
                409, "RELEASE_PUBLISHED", CLI_1_10_0_BETA);
        assertThat(release(CLI_1_10_0_BETA)).containsEntry("notes", "Experimental parallel uploads.");
    }

    @Test
    void seededPublishedReleaseIsReadOnly() {
        assertError(api().body(Map.of("name", "renamed")).patch("/v3/releases/{id}", STUDIO_2_4_0).then(),
                409, "RELEASE_PUBLISHED", STUDIO_2_4_0);
    }

    // --- delete ---

    @Test
    void deletesAReleaseWithItsFiles() {
        String fileId = (String) ((List<Map<String, Object>>) release(CLI_1_10_0_BETA).get("files")).get(0).get("id");

        api().delete("/v3/releases/{id}", CLI_1_10_0_BETA).then().statusCode(204);

        api().get("/v3/releases/{id}", CLI_1_10_0_BETA).then().statusCode(404);
        api().get("/v3/release-files/{id}", fileId).then().statusCode(404);
        assertThat(list("/v3/releases", Map.of("limit", 100))).hasSize(CryptlexSeed.RELEASE_COUNT - 1);
        api().delete("/v3/releases/{id}", CLI_1_10_0_BETA).then().statusCode(404);
    }

    // --- files ---

    private static Map<String, Object> externalFile(String releaseId, String name) {
        return Map.of("releaseId", releaseId, "name", name,
                "url", "https://downloads.example.com/lumen/" + name, "size", 120_586_240,
                "checksum", "9E107D9D372BB6826BD81D3542A419D6");
    }

    @Test
    void addingAndDeletingFilesKeepsTotalFilesInStep() {
        Map<String, Object> file = api().body(externalFile(STUDIO_NIGHTLY_1107, "LumenStudio-2.5.1.1107.tar.gz"))
                .post("/v3/release-files")
                .then().statusCode(201)
                .body("secured", equalTo(false))
                .body("published", equalTo(false))
                .body("downloads", equalTo(0))
                .body("extension", equalTo(".gz"))
                .body("checksum", equalTo("9e107d9d372bb6826bd81d3542a419d6"))
                .body("releaseId", equalTo(STUDIO_NIGHTLY_1107))
                .body("releaseName", equalTo("Lumen Studio nightly 2.5.1.1107"))
                .extract().jsonPath().getMap("$");
        assertThat(file).containsOnlyKeys(FILE_FIELDS);
        String fileId = (String) file.get("id");

        Map<String, Object> withFile = release(STUDIO_NIGHTLY_1107);
        assertThat(withFile).containsEntry("totalFiles", 1);
        assertThat((List<Object>) withFile.get("files")).containsExactly(file);
        api().get("/v3/release-files/{id}", fileId).then().statusCode(200).body("id", equalTo(fileId));
        assertThat(list("/v3/release-files", Map.of("releaseId", STUDIO_NIGHTLY_1107))).containsExactly(file);

        api().delete("/v3/release-files/{id}", fileId).then().statusCode(204);

        assertThat(release(STUDIO_NIGHTLY_1107)).containsEntry("totalFiles", 0)
                .containsEntry("files", List.of());
        assertError(api().get("/v3/release-files/{id}", fileId).then(), 404, "NOT_FOUND", fileId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Lumen Studio.exe", "setup?.exe", "../etc/passwd", "lumen\u00e9.dmg", ""})
    void rejectsFileNamesOutsideTheAllowedCharacters(String name) {
        assertError(api().body(externalFile(STUDIO_NIGHTLY_1107, name)).post("/v3/release-files").then(),
                400, "VALIDATION_ERROR", "name");
        assertThat(release(STUDIO_NIGHTLY_1107)).containsEntry("totalFiles", 0);
    }

    @Test
    void rejectsBadFileFields() {
        Map<String, Object> base = externalFile(STUDIO_NIGHTLY_1107, "ok.zip");
        Map.<String, Object>of("url", "ftp://host/ok.zip", "size", -1, "checksum", "abc").forEach((field, value) -> {
            Map<String, Object> body = new HashMap<>(base);
            body.put(field, value);
            assertError(api().body(body).post("/v3/release-files").then(), 400, "VALIDATION_ERROR", field);
        });
        assertThat(release(STUDIO_NIGHTLY_1107)).containsEntry("totalFiles", 0);
    }

    @Test
    void filesOfAPublishedReleaseCannotChange() {
        String fileId = (String) ((List<Map<String, Object>>) release(STUDIO_2_4_0).get("files")).get(0).get("id");

        assertError(api().body(externalFile(STUDIO_2_4_0, "extra.zip")).post("/v3/release-files").then(),
                409, "RELEASE_PUBLISHED", STUDIO_2_4_0);
        assertError(api().delete("/v3/release-files/{id}", fileId).then(), 409, "RELEASE_PUBLISHED", STUDIO_2_4_0);
        assertThat(release(STUDIO_2_4_0)).containsEntry("totalFiles", 3);
    }

    @Test
    void fileForUnknownReleaseIsNotFound() {
        assertError(api().body(externalFile("no-such-release", "ok.zip")).post("/v3/release-files").then(),
                404, "NOT_FOUND", "no-such-release");
    }

    @Test
    void pagesReleaseFiles() {
        assertThat(list("/v3/release-files", Map.of("limit", 100))).hasSize(SEED_FILE_COUNT);
        assertThat(list("/v3/release-files", Map.of())).hasSize(10);
        assertThat(list("/v3/release-files", Map.of("limit", 5, "page", 5))).hasSize(SEED_FILE_COUNT - 20);
        assertThat(list("/v3/release-files", Map.of("limit", 5, "page", 6))).isEmpty();
        assertThat(list("/v3/release-files", Map.of("releaseId", STUDIO_2_4_0)))
                .hasSize(3).allSatisfy(file -> assertThat(file).containsEntry("releaseId", STUDIO_2_4_0));
    }

    // --- auth and headers ---

    @Test
    void missingTokenIsUnauthorized() {
        assertError(given().basePath("/sandbox/cryptlex").get("/v3/releases").then(), 401, "UNAUTHORIZED",
                "token");
    }

    @Test
    void unknownTokenIsUnauthorized() {
        assertError(api("not-a-token").get("/v3/releases").then(), 401, "UNAUTHORIZED", "token");
        assertError(given().basePath("/sandbox/cryptlex").header("Authorization", "Basic " + TOKEN)
                .get("/v3/releases").then(), 401, "UNAUTHORIZED", "token");
    }

    @Test
    void readOnlyTokenReadsButCannotWrite() {
        api(READ_TOKEN).get("/v3/releases/{id}", STUDIO_2_5_1_BETA).then().statusCode(200);

        assertError(api(READ_TOKEN).body(Map.of("notes", "x")).patch("/v3/releases/{id}", STUDIO_2_5_1_BETA)
                .then(), 403, "FORBIDDEN", "release:write");
        assertError(api(READ_TOKEN).post("/v3/releases/{id}/publish", STUDIO_2_5_1_BETA).then(), 403,
                "FORBIDDEN", "release:write");
        assertError(api(READ_TOKEN).delete("/v3/releases/{id}", STUDIO_2_5_1_BETA).then(), 403, "FORBIDDEN",
                "release:write");
        assertThat(release(STUDIO_2_5_1_BETA)).containsEntry("published", false)
                .containsEntry("notes", "Draft: plugin API fixes and HiDPI icons.");
    }

    @Test
    void everyAnswerReportsTheRateLimit() {
        api().get("/v3/releases").then().statusCode(200)
                .header("X-Rate-Limit-Limit", "5s")
                .header("X-Rate-Limit-Remaining", "49")
                .header("X-Rate-Limit-Reset", matchesPattern(ISO_UTC));
        api().get("/v3/releases/{id}", "missing").then().statusCode(404)
                .header("X-Rate-Limit-Remaining", "48");
        given().basePath("/sandbox/cryptlex").get("/v3/releases").then().statusCode(401)
                .header("X-Rate-Limit-Remaining", "47")
                .header("X-Rate-Limit-Reset", notNullValue());
    }
}
