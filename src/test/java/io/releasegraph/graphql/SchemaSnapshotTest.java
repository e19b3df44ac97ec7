package io.releasegraph.graphql;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The served schema is the public contract in {@code schema.graphql}. To change the contract on purpose:
 * {@code ./mvnw test -Dtest=SchemaSnapshotTest -Dschema.update=true}, then commit the file with the code.
 */
@QuarkusTest
class SchemaSnapshotTest {

    private static final Path CONTRACT = Path.of("schema.graphql");

    @Test
    void servedSchemaMatchesTheCommittedContract() throws IOException {
        String served = given().when().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("schema.update")) {
            Files.writeString(CONTRACT, served, StandardCharsets.UTF_8);
        }
        assertThat(CONTRACT).as("schema.graphql at the project root").exists();
        assertThat(served)
                .as("the served schema differs from schema.graphql; if the change is intended, regenerate it with "
                        + "./mvnw test -Dtest=SchemaSnapshotTest -Dschema.update=true")
                .isEqualTo(Files.readString(CONTRACT, StandardCharsets.UTF_8));
    }
}
