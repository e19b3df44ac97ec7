package io.releasegraph.graphql;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.sandbox.cryptlex.CryptlexRateLimiter;
import io.releasegraph.sandbox.cryptlex.CryptlexSandboxState;
import io.releasegraph.sandbox.cryptlex.CryptlexSeed;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;

/** Editing and publishing product releases through {@code POST /graphql}, against the built-in Cryptlex sandbox. */
@QuarkusTest
class ProductReleaseMutationTest {

    private static final String DRAFT = Ids.productRelease(CryptlexSeed.STUDIO_2_5_1_BETA);

    @Inject
    CryptlexSandboxState sandbox;

    @Inject
    CryptlexRateLimiter rateLimiter;

    @BeforeEach
    void reset() {
        sandbox.reset();
        rateLimiter.reset();
    }

    @Test
    void updatesOnlyTheGivenFieldsAndTheNextReadSeesThem() {
        GraphQLClient.post("updateProductRelease", Map.of("id", DRAFT, "input",
                Map.of("version", "2.5.2", "notes", "Plugin API fixes.", "platforms", List.of("windows", "linux"),
                        "private", true)))
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.updateProductRelease.id", equalTo(DRAFT))
                .body("data.updateProductRelease.version", equalTo("2.5.2"))
                .body("data.updateProductRelease.notes", equalTo("Plugin API fixes."))
                .body("data.updateProductRelease.platforms", equalTo(List.of("windows", "linux")))
                .body("data.updateProductRelease.private", equalTo(true))
                .body("data.updateProductRelease.name", equalTo("Lumen Studio 2.5.1 Beta"))
                .body("data.updateProductRelease.channel", equalTo("beta"))
                .body("data.updateProductRelease.status", equalTo("DRAFT"));

        GraphQLClient.post("productRelease", Map.of("id", DRAFT)).statusCode(200)
                .body("data.release.version", equalTo("2.5.2"));
    }

    @Test
    void publishesAndThenRefusesEveryEdit() {
        GraphQLClient.post("publishProductRelease", Map.of("id", DRAFT)).statusCode(200)
                .body("errors", nullValue())
                .body("data.publishProductRelease.published", equalTo(true))
                .body("data.publishProductRelease.status", equalTo("PUBLISHED"))
                .body("data.publishProductRelease.publishedAt", notNullValue())
                .body("data.publishProductRelease.files.published", everyItem(equalTo(true)));

        GraphQLClient.post("updateProductRelease", Map.of("id", DRAFT, "input", Map.of("notes", "too late")))
                .statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("CONFLICT"))
                .body("errors[0].extensions.upstream", equalTo("cryptlex"));
        GraphQLClient.post("publishProductRelease", Map.of("id", DRAFT)).statusCode(200)
                .body("errors[0].extensions.code", equalTo("CONFLICT"));
        GraphQLClient.post("productRelease", Map.of("id", DRAFT)).statusCode(200)
                .body("data.release.published", equalTo(true));
    }

    @Test
    void answersNotFoundForAnUnknownRelease() {
        GraphQLClient.post("publishProductRelease", Map.of("id", Ids.productRelease("no-such-release"))).statusCode(200)
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
    }
}
