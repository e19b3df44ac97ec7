package io.releasegraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
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

/** The Cryptlex queries through {@code POST /graphql}, against the built-in Cryptlex sandbox. */
@QuarkusTest
class ProductReleaseQueryTest {

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
    void listsAProductsReleasesNewestFirstWithTheirFiles() {
        GraphQLClient.post("productReleases", vars("productId", CryptlexSeed.STUDIO_PRODUCT_ID, "first", 100))
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.productReleases.totalCount", equalTo(7))
                .body("data.productReleases.nodes.productId", everyItem(equalTo(CryptlexSeed.STUDIO_PRODUCT_ID)))
                .body("data.productReleases.nodes[0].version", equalTo("2.5.1.1107"))
                .body("data.productReleases.nodes.find { it.version == '2.4.0' }.status", equalTo("PUBLISHED"))
                .body("data.productReleases.nodes.find { it.version == '2.4.0' }.files.name", hasItems(
                        "LumenStudio-2.4.0-x64.exe", "LumenStudio-2.4.0.dmg", "LumenStudio-2.4.0-x86_64.AppImage"))
                .body("data.productReleases.nodes.find { it.version == '2.4.0' }.files.find { it.extension == '.exe' }.size",
                        equalTo(91_226_112))
                .body("data.productReleases.nodes.find { it.version == '2.2.1' }.status", equalTo("ARCHIVED"))
                .body("data.productReleases.nodes.find { it.version == '2.5.1' }.status", equalTo("DRAFT"));
    }

    @Test
    void passesEveryFilterAndPagesWithCursors() {
        GraphQLClient.post("productReleases", vars("channel", "nightly", "private", true))
                .statusCode(200)
                .body("errors", nullValue())
                .body("data.productReleases.nodes.channel", everyItem(equalTo("nightly")))
                .body("data.productReleases.nodes.private", everyItem(equalTo(true)));
        GraphQLClient.post("productReleases", vars("platform", "linux", "published", true, "search", "Linux support"))
                .statusCode(200)
                .body("data.productReleases.nodes.version", equalTo(List.of("2.3.0")));

        String cursor = GraphQLClient.post("productReleases", vars("first", 5)).statusCode(200)
                .body("data.productReleases.nodes", hasSize(5))
                .body("data.productReleases.pageInfo.hasNextPage", equalTo(true))
                .body("data.productReleases.totalCount", equalTo(CryptlexSeed.RELEASE_COUNT))
                .extract().path("data.productReleases.pageInfo.endCursor");
        GraphQLClient.post("productReleases", vars("first", 100, "after", cursor)).statusCode(200)
                .body("data.productReleases.nodes", hasSize(CryptlexSeed.RELEASE_COUNT - 5));
    }

    @Test
    void fetchesAProductReleaseAndAFileByTheirIds() {
        String id = Ids.productRelease(CryptlexSeed.STUDIO_2_4_0);
        String fileId = GraphQLClient.post("productRelease", Map.of("id", id)).statusCode(200)
                .body("errors", nullValue())
                .body("data.release.__typename", equalTo("ProductRelease"))
                .body("data.release.source", equalTo("CRYPTLEX"))
                .body("data.release.version", equalTo("2.4.0"))
                .body("data.release.files", hasSize(3))
                .extract().path("data.release.files[0].id");

        GraphQLClient.post("nodeProduct", Map.of("id", id)).statusCode(200)
                .body("data.node.__typename", equalTo("ProductRelease"))
                .body("data.node.id", equalTo(id));
        GraphQLClient.post("nodeProduct", Map.of("id", fileId)).statusCode(200)
                .body("errors", nullValue())
                .body("data.node.__typename", equalTo("ReleaseFile"))
                .body("data.node.id", equalTo(fileId))
                .body("data.node.published", equalTo(true))
                .body("data.node.checksum", notNullValue());
    }

    @Test
    void answersNotFoundForAnUnknownProductReleaseOrFile() {
        GraphQLClient.post("productRelease", Map.of("id", Ids.productRelease("00000000-0000-0000-0000-000000000000")))
                .statusCode(200)
                .body("data.release", nullValue())
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"))
                .body("errors[0].extensions.upstream", equalTo("cryptlex"));
        GraphQLClient.post("nodeProduct", Map.of("id", Ids.releaseFile("no-such-file"))).statusCode(200)
                .body("errors[0].extensions.code", equalTo("NOT_FOUND"));
    }

    @Test
    void releasesSpanTrifactaAndCryptlex() {
        List<String> sources = GraphQLClient.post("releases", vars("first", 100)).statusCode(200)
                .body("errors", nullValue())
                .body("data.releases.nodes.__typename", hasItems("DeploymentRelease", "ProductRelease"))
                .extract().path("data.releases.nodes.source");
        assertThat(sources).contains("TRIFACTA", "CRYPTLEX");
        GraphQLClient.post("releases", vars("filter", Map.of("sources", List.of("CRYPTLEX"), "statuses", List.of("DRAFT"))))
                .statusCode(200)
                .body("data.releases.nodes.source", everyItem(equalTo("CRYPTLEX")))
                .body("data.releases.nodes.status", everyItem(equalTo("DRAFT")))
                .body("data.releases.nodes.name", hasItem("Lumen Studio 2.5.1 Beta"));
    }

    static Map<String, Object> vars(Object... pairs) {
        Map<String, Object> variables = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            variables.put((String) pairs[i], pairs[i + 1]);
        }
        return variables;
    }
}
