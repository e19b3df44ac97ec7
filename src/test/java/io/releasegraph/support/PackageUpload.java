package io.releasegraph.support;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.specification.RequestSpecification;

/**
 * A GraphQL multipart request (graphql-multipart-request-spec) of {@code graphql/<document>.graphql} with one file,
 * part {@code 0}, mapped to {@code variables.package}: how the import mutations' tests send a flow package.
 */
public final class PackageUpload {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PackageUpload() {
    }

    /** The request, not yet sent; {@code package} is added to the variables as null, as the spec wants. */
    public static RequestSpecification of(String document, Map<String, Object> variables, String fileName,
            byte[] bytes) {
        Map<String, Object> withPackage = new HashMap<>(variables);
        withPackage.put("package", null);
        try {
            return given()
                    .multiPart("operations", JSON.writeValueAsString(
                            Map.of("query", GraphQLClient.document(document), "variables", withPackage)))
                    .multiPart("map", "{\"0\":[\"variables.package\"]}")
                    .multiPart("0", fileName, bytes, "application/zip");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
