package io.releasegraph.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The console's files revalidate (RFC 9111 {@code no-cache} with an RFC 9110 entity tag), so a browser sees an
 * upgraded console on its next load instead of a copy kept as {@code immutable} for a day.
 */
@QuarkusTest
class ConsoleCachingTest {

    @Test
    void htmlAndItsFilesRevalidateWithAnEtag() {
        for (String path : List.of("/", "/index.html", "/console.js", "/console.css")) {
            String etag = given().when().get(path).then().statusCode(200)
                    .header("Cache-Control", equalTo("no-cache"))
                    .header("Cache-Control", not(containsString("immutable")))
                    .header("ETag", not(emptyOrNullString()))
                    .extract().header("ETag");
            given().header("If-None-Match", etag).when().get(path).then().statusCode(304)
                    .header("ETag", equalTo(etag));
            given().header("If-None-Match", "\"some-older-console\"").when().get(path).then().statusCode(200);
        }
    }

    @Test
    void servesTheConsoleItself() {
        given().when().get("/").then().statusCode(200)
                .header("Content-Type", containsString("text/html"))
                .body(containsString("Releasegraph console"));
    }
}
