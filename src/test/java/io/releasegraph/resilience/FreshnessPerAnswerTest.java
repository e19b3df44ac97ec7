package io.releasegraph.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.sandbox.SandboxFaults;
import io.releasegraph.support.CleanSlate;
import io.releasegraph.support.GraphQLClient;
import io.restassured.path.json.JsonPath;

/**
 * Issue 14 item 5: one freshness per object per answer. The cache is warmed, one upstream is taken down and the same
 * query is asked with {@code Cache-Control: no-cache}, so every read of that upstream falls back to its last good copy.
 * Then every object of that upstream says {@code stale: true} with the time of its warm copy (never a fresh "now"), and
 * objects made from the same entry ({@code flagRelease} and LaunchDarkly's part of {@code releases}, an alias of the
 * same field) carry the same {@code cache}. Different entries ({@code productReleases} is kept per filter) may differ.
 */
@QuarkusTest
class FreshnessPerAnswerTest {

    private static final Map<String, Object> VARIABLES = Map.of("projectKey", "web-app", "flagKey", "new-checkout-flow");
    private static final Map<String, String> NO_CACHE = Map.of("Cache-Control", "no-cache");
    /** The fields holding objects with {@code cache}, as JSON paths to lists of {id, cache}. */
    private static final List<String> LISTS = List.of("releases.nodes", "deployments.nodes", "again.nodes",
            "productReleases.nodes", "productAgain.nodes", "releasePipelines.nodes");

    @Inject
    CleanSlate cleanSlate;

    @Inject
    SandboxFaults faults;

    @BeforeEach
    void startClean() {
        cleanSlate.reset();
    }

    @AfterEach
    void upAgain() {
        faults.reset();
    }

    @ParameterizedTest(name = "{0} down")
    @EnumSource(SandboxFaults.Upstream.class)
    void everyObjectOfTheFailedUpstreamIsStaleWithItsCopysTimeAndAgreesAcrossTheAnswer(SandboxFaults.Upstream down) {
        Map<String, Map<String, Object>> warm = byId(GraphQLClient.post("freshness", VARIABLES).statusCode(200)
                .extract().jsonPath());
        assertThat(warm.values()).allSatisfy(cache -> assertThat(cache.get("stale")).isEqualTo(false));

        faults.set(down, SandboxFaults.Mode.DOWN);
        JsonPath answer = GraphQLClient.post("freshness", VARIABLES, NO_CACHE).statusCode(200).extract().jsonPath();
        assertThat(answer.getList("errors")).as("every read had a copy to fall back on").isNull();

        List<Map<String, Object>> objects = objects(answer);
        Map<String, Map<String, Object>> now = byId(answer);
        now.forEach((fieldAndId, cache) -> {
            String id = fieldAndId.substring(fieldAndId.indexOf(' ') + 1);
            if (upstreamOf(id).equals(down.key())) {
                assertThat(cache.get("stale")).as("%s of the failed upstream", fieldAndId).isEqualTo(true);
                assertThat(cache.get("fetchedAt")).as("%s: the copy's own time", fieldAndId)
                        .isEqualTo(warm.get(fieldAndId).get("fetchedAt"));
            }
        });
        // the same entry read twice in one answer (an alias) gives the same cache
        sameEntry(now, "deployments.nodes", "again.nodes");
        sameEntry(now, "productReleases.nodes", "productAgain.nodes");
        // LaunchDarkly's part of releases is made of the per-flag entries flagRelease reads (the case)
        Map<String, Object> flag = answer.getMap("data.flagRelease");
        assertThat(now.get("releases.nodes " + flag.get("id"))).as("releases and flagRelease agree")
                .isEqualTo(flag.get("cache"));
        assertThat(objects).as("the failed upstream's objects are in the answer")
                .anySatisfy(object -> assertThat(upstreamOf((String) object.get("id"))).isEqualTo(down.key()));
    }

    private static Map<String, Map<String, Object>> byId(JsonPath answer) {
        Map<String, Map<String, Object>> byId = new HashMap<>();
        for (String list : LISTS) {
            List<Map<String, Object>> nodes = answer.getList("data." + list);
            for (Map<String, Object> object : nodes) {
                @SuppressWarnings("unchecked")
                Map<String, Object> cache = (Map<String, Object>) object.get("cache");
                byId.put(list + " " + object.get("id"), cache);
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> flagCache = (Map<String, Object>) answer.getMap("data.flagRelease").get("cache");
        byId.put("flagRelease " + answer.getString("data.flagRelease.id"), flagCache);
        return byId;
    }

    private static void sameEntry(Map<String, Map<String, Object>> caches, String field, String alias) {
        caches.forEach((fieldAndId, cache) -> {
            if (fieldAndId.startsWith(field + " ")) {
                assertThat(caches.get(alias + fieldAndId.substring(field.length()))).as(fieldAndId).isEqualTo(cache);
            }
        });
    }

    private static List<Map<String, Object>> objects(JsonPath answer) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (String list : LISTS) {
            objects.addAll(answer.getList("data." + list));
        }
        objects.add(answer.getMap("data.flagRelease"));
        return objects;
    }

    /** The upstream an ID names: IDs are opaque to clients, so the test asks which field family it came from. */
    private static String upstreamOf(String id) {
        String decoded = new String(java.util.Base64.getUrlDecoder().decode(id), java.nio.charset.StandardCharsets.UTF_8)
                .toLowerCase(Locale.ROOT);
        for (SandboxFaults.Upstream upstream : SandboxFaults.Upstream.values()) {
            if (decoded.contains(upstream.key())) {
                return upstream.key();
            }
        }
        throw new AssertionError("no upstream in ID " + decoded);
    }
}
