package io.releasegraph.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.TestTokens;
import io.releasegraph.support.Zips;

/**
 * Uploads within {@code gateway.upload.max-bytes} and {@code gateway.upload.max-parts} (the default, 10), and no
 * uploaded file left on disk after any request, refused, failed or answered: each test counts the files in the
 * upload directory once it is over.
 */
@QuarkusTest
@TestProfile(UploadLimitTest.SmallUploads.class)
class UploadLimitTest {

    /** The default {@code gateway.upload.directory}, relative to the working directory. */
    private static final Path UPLOADS = Path.of("file-uploads");
    private static final ObjectMapper JSON = new ObjectMapper();

    public static class SmallUploads implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.upload.max-bytes", "1024");
        }
    }

    private Set<Path> before;

    @BeforeEach
    void filesBefore() throws IOException {
        before = uploadedFiles();
    }

    @AfterEach
    void noUploadedFileIsLeft() {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(difference(uploadedFiles(), before)).isEmpty();
        });
    }

    @Test
    void refusesAnOversizedUploadWith413() {
        byte[] big = new byte[200 * 1024];
        Arrays.fill(big, (byte) 'P');
        ImportReleaseTest.upload(Ids.deployment(1), false, "big.zip", big)
                .statusCode(413)
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.limit", equalTo("uploadBytes"))
                .body("errors[0].message", containsString("1024 bytes"))
                .body("data", nullValue());
    }

    /** The upload limit is the files' bytes: exactly max-bytes passes the limit (the ZIP check then refuses it). */
    @Test
    void acceptsAnUploadOfExactlyMaxBytes() {
        ImportReleaseTest.upload(Ids.deployment(1), true, "limit.zip", filled(1024))
                .statusCode(200)
                .body("errors[0].extensions.limit", nullValue())
                .body("errors[0].extensions.field", equalTo("package"));
    }

    /** One byte over max-bytes is refused, though the body is within the room left for the multipart framing. */
    @Test
    void refusesAnUploadOneByteOverMaxBytes() {
        ImportReleaseTest.upload(Ids.deployment(1), true, "over.zip", filled(1025))
                .statusCode(413)
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.limit", equalTo("uploadBytes"));
    }

    /** A body past the room for framing is cut off while it streams, and still names the upload limit. */
    @Test
    void refusesAStreamedUploadFarOverTheLimitNamingTheUploadLimit() {
        ImportReleaseTest.upload(Ids.deployment(1), true, "far.zip", filled(300 * 1024))
                .statusCode(413)
                .body("errors[0].extensions.limit", equalTo("uploadBytes"));
    }

    private static byte[] filled(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) 'P');
        return bytes;
    }

    @Test
    void refusesMoreFilesThanMaxParts() throws JsonProcessingException {
        withFiles(11).when().post("/graphql").then()
                .statusCode(413)
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.limit", equalTo("parts"));
    }

    @Test
    void refusesHundredsOfPartsAndKeepsNoneOfThem() throws JsonProcessingException {
        withFiles(270).when().post("/graphql").then()
                .statusCode(anyOf(equalTo(413), equalTo(400)))
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
    }

    @Test
    void acceptsTenFiles() throws JsonProcessingException {
        withFiles(10).when().post("/graphql").then()
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.importRelease.flowNames", equalTo(List.of("x")));
    }

    @Test
    void refusesAMapNamingAFileTheRequestLacks() throws JsonProcessingException {
        given().multiPart("operations", operations())
                .multiPart("map", "{\"0\":[\"variables.package\"]}")
                .multiPart("1", "package.zip", Zips.flowPackage("x"), "application/zip")
                .when().post("/graphql")
                .then().statusCode(400)
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
        given().multiPart("operations", operations())
                .multiPart("map", "not json")
                .multiPart("0", "package.zip", Zips.flowPackage("x"), "application/zip")
                .when().post("/graphql")
                .then().statusCode(400)
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
    }

    @Test
    void deletesTheFileWhenTheUpstreamFails() {
        given().contentType(ContentType.JSON).body(Map.of("upstream", "trifacta", "mode", "down"))
                .when().post("/sandbox/faults").then().statusCode(200);
        ImportReleaseTest.upload(Ids.deployment(1), false, "package.zip", Zips.flowPackage("Down"))
                .statusCode(200)
                .body("errors[0].extensions.code", equalTo("UPSTREAM_UNAVAILABLE"));
    }

    @Test
    void deletesTheFileAfterAnImport() {
        ImportReleaseTest.upload(Ids.deployment(1), false, "package.zip", Zips.flowPackage("Kept"))
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.importRelease.release.name", equalTo("Kept"));
    }

    @Test
    void deletesTheFileOfAnUploadThatIsNotAZip() {
        ImportReleaseTest.upload(Ids.deployment(1), false, "package.zip", "just text".getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
    }

    @Test
    void deletesTheFileOfAnAnonymousUpload() throws JsonProcessingException {
        withFiles(1).headers(TestTokens.ANONYMOUS).when().post("/graphql").then().statusCode(401);
    }

    @Test
    void deletesTheFileOfAViewersUpload() throws JsonProcessingException {
        withFiles(1).header("Authorization", "Bearer " + TestTokens.viewer()).when().post("/graphql").then()
                .statusCode(200)
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));
    }

    /** The client hangs up with its file part half sent: the part was on disk, and goes when the request ends. */
    @Test
    void deletesThePartOfAClientThatHangsUpMidBody() throws Exception {
        String boundary = "releasegraph-hangup";
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n" + operations()
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"map\"\r\n\r\n"
                + "{\"0\":[\"variables.package\"]}\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"0\"; "
                + "filename=\"package.zip\"\r\nContent-Type: application/zip\r\n\r\n";
        byte[] body = head.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TestTokens.operator()
                    + "\r\nContent-Type: multipart/form-data; boundary=" + boundary
                    + "\r\nContent-Length: " + (body.length + 900) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.write(new byte[300]); // 300 of the part's bytes; 600 more were announced
            out.flush();
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> !difference(uploadedFiles(), before).isEmpty());
        } // hung up: noUploadedFileIsLeft checks that the part went
    }

    /** A dry-run import whose {@code map} places part 0; parts 1 and up are extra files. */
    private static RequestSpecification withFiles(int files) throws JsonProcessingException {
        RequestSpecification request = given().multiPart("operations", operations())
                .multiPart("map", "{\"0\":[\"variables.package\"]}");
        for (int i = 0; i < files; i++) {
            request = request.multiPart(String.valueOf(i), i + ".zip", i == 0 ? Zips.flowPackage("x") : new byte[] { 'P' },
                    "application/zip");
        }
        return request;
    }

    private static String operations() throws JsonProcessingException {
        Map<String, Object> variables = new HashMap<>();
        variables.put("deploymentId", Ids.deployment(1));
        variables.put("package", null);
        variables.put("dryRun", true);
        return JSON.writeValueAsString(Map.of("query", GraphQLClient.document("importRelease"), "variables", variables));
    }

    private static Set<Path> difference(Set<Path> now, Set<Path> then) {
        Set<Path> left = new HashSet<>(now);
        left.removeAll(then);
        return left;
    }

    private static Set<Path> uploadedFiles() throws IOException {
        if (!Files.isDirectory(UPLOADS)) {
            return Set.of();
        }
        try (Stream<Path> tree = Files.walk(UPLOADS)) {
            return tree.filter(Files::isRegularFile).collect(Collectors.toSet());
        }
    }
}
