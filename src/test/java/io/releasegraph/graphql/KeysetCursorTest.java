package io.releasegraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.sandbox.trifacta.TrifactaSandboxState;
import io.releasegraph.support.CleanSlate;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.restassured.path.json.JsonPath;

/**
 * Issue 14 item 4: keyset cursors (sort key + ID). A release inserted or removed upstream between two pages (changed
 * straight in the Trifacta sandbox, page 2 read with {@code no-cache}) neither repeats nor skips one: page 2 goes on
 * from where page 1 ended in the order, as an offset cursor could not.
 */
@QuarkusTest
class KeysetCursorTest {

    private static final Map<String, Object> TRIFACTA = Map.of("sources", List.of("TRIFACTA"));
    private static final Map<String, String> NO_CACHE = Map.of("Cache-Control", "no-cache");

    @Inject
    CleanSlate cleanSlate;

    @Inject
    TrifactaSandboxState trifacta;

    @BeforeEach
    void startClean() {
        cleanSlate.reset();
    }

    @Test
    void aReleaseInsertedBetweenTwoPagesIsNeitherRepeatedNorDoesItPushOneOut() {
        List<String> before = ids(page(100, null));
        JsonPath first = page(3, null);
        assertThat(ids(first)).isEqualTo(before.subList(0, 3));

        trifacta.importPackage(1, "keyset-inserted", false); // the newest release now, ahead of page 1
        List<String> second = ids(page(3, first.getString("data.releases.pageInfo.endCursor")));

        assertThat(second).doesNotContainAnyElementsOf(ids(first)).isEqualTo(before.subList(3, 6));
    }

    @Test
    void aReleaseRemovedBetweenTwoPagesSkipsNone() {
        List<String> before = ids(page(100, null));
        JsonPath first = page(3, null);

        trifacta.deleteRelease(numeric(before.get(0))); // one of page 1's releases goes
        List<String> second = ids(page(3, first.getString("data.releases.pageInfo.endCursor")));

        assertThat(second).isEqualTo(before.subList(3, 6));
    }

    @Test
    void theLastItemOfAPageMayItselfBeRemoved() {
        List<String> before = ids(page(100, null));
        JsonPath first = page(3, null);

        trifacta.deleteRelease(numeric(before.get(2))); // the very item the cursor names
        assertThat(ids(page(3, first.getString("data.releases.pageInfo.endCursor")))).isEqualTo(before.subList(3, 6));
    }

    @Test
    void aCursorOfAnotherListIsRefusedAsNotACursorOfThisOne() {
        String deploymentCursor = GraphQLClient.post("deployments", Map.of("first", 1)).statusCode(200)
                .extract().path("data.deployments.pageInfo.endCursor");

        GraphQLClient.post("releases", Map.of("filter", TRIFACTA, "first", 3, "after", deploymentCursor))
                .statusCode(200)
                .body("errors[0].extensions.code", org.hamcrest.Matchers.equalTo("VALIDATION"))
                .body("errors[0].extensions.field", org.hamcrest.Matchers.equalTo("after"));
    }

    private static JsonPath page(int size, String after) {
        Map<String, Object> variables = new java.util.HashMap<>(Map.of("filter", TRIFACTA, "first", size));
        if (after != null) {
            variables.put("after", after);
        }
        JsonPath answer = GraphQLClient.post("releases", variables, NO_CACHE).statusCode(200).extract().jsonPath();
        assertThat(answer.getList("errors")).isNull();
        return answer;
    }

    private static List<String> ids(JsonPath page) {
        return new ArrayList<>(page.getList("data.releases.nodes.id", String.class));
    }

    private static int numeric(String id) {
        for (int n = 1; n < 1000; n++) {
            if (Ids.deploymentRelease(n).equals(id)) {
                return n;
            }
        }
        throw new AssertionError("not a sandbox release: " + id);
    }
}
