package io.releasegraph.support;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Wire bodies, the shared test profile and the per-request contract check of the LaunchDarkly WireMock tests. */
public final class LaunchDarklyStubs {

    public static final String TOKEN = "test-launchdarkly-token";
    public static final long DAY = 86_400_000L;
    /** 2026-01-05T09:00:00Z. */
    public static final long T0 = 1_767_603_600_000L;

    private LaunchDarklyStubs() {
    }

    /** Pages of two, a short rate-limit bound with one retry, and two projects of which one does not exist. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.launchdarkly.token", TOKEN,
                    "gateway.launchdarkly.page-size", "2",
                    "gateway.launchdarkly.projects", "alpha,ghost",
                    "gateway.launchdarkly.rate-limit.max-wait", "PT2S",
                    "gateway.launchdarkly.rate-limit.max-retries", "1");
        }
    }

    /**
     * Every request WireMock received: valid for the vendor's OpenAPI (method, path, query, headers, body), and
     * carrying exactly the raw token and the beta opt-in.
     */
    public static void assertEveryRequestFollowsTheContract(WireMockServer wireMock) {
        List<LoggedRequest> requests = wireMock.getAllServeEvents().stream().map(event -> event.getRequest()).toList();
        for (LoggedRequest request : requests) {
            Map<String, String> headers = new HashMap<>();
            for (HttpHeader header : request.getHeaders().all()) {
                headers.put(header.key(), header.firstValue());
            }
            LaunchDarklyOpenApi.assertValidRequest(request.getMethod().getName(), request.getUrl(), headers,
                    request.getBodyAsString());
            assertThat(request.getHeader("Authorization")).as("Authorization of " + request.getUrl()).isEqualTo(TOKEN);
            assertThat(request.getHeader("LD-API-Version")).as("LD-API-Version of " + request.getUrl()).isEqualTo("beta");
        }
    }

    public static com.github.tomakehurst.wiremock.matching.StringValuePattern token() {
        return equalTo(TOKEN);
    }

    public static String release(String pipelineKey, int version, String... phases) {
        return "{\"name\":\"Pipeline " + pipelineKey + "\",\"releasePipelineKey\":\"" + pipelineKey + "\","
                + "\"releasePipelineDescription\":\"Test pipeline\",\"_version\":" + version + ","
                + "\"_links\":{\"self\":{\"href\":\"/api/v2/flags/alpha/f/release\",\"type\":\"application/json\"}},"
                + "\"phases\":[" + String.join(",", phases) + "]}";
    }

    /** A release phase; {@code state} is "done", "started" or "new". */
    public static String phase(String id, String name, String state) {
        boolean done = state.equals("done");
        boolean started = done || state.equals("started");
        StringBuilder json = new StringBuilder("{\"_id\":\"" + id + "\",\"_name\":\"" + name + "\",\"complete\":" + done
                + ",\"started\":" + started + ",\"_creationDate\":" + T0 + ",\"status\":\""
                + (done ? "completed" : started ? "active" : "not_started") + "\"");
        if (started) {
            json.append(",\"_startedDate\":").append(T0 + DAY);
        }
        if (done) {
            json.append(",\"_completionDate\":").append(T0 + 2 * DAY).append(",\"_completedBy\":{\"member\":{")
                    .append("\"_id\":\"m1\",\"_links\":{},\"email\":\"ariel@acme.example\",\"role\":\"admin\"}}");
        }
        json.append(",\"_audiences\":[{\"_id\":\"a-").append(id).append("\",\"name\":\"").append(name)
                .append("\",\"environment\":{\"_links\":{},\"key\":\"").append(name.toLowerCase())
                .append("\",\"name\":\"").append(name).append("\",\"color\":\"F5A623\"},\"configuration\":")
                .append("{\"releaseStrategy\":\"immediate-rollout\",\"requireApproval\":true},")
                .append("\"segmentKeys\":[\"beta-testers\"]}]}");
        return json.toString();
    }

    public static String pipeline(String key, Boolean legacy, String... phaseIds) {
        String phases = Arrays.stream(phaseIds).map(id -> "{\"id\":\"" + id + "\",\"name\":\"Phase " + id
                + "\",\"audiences\":[{\"name\":\"Everyone\",\"environment\":{\"_links\":{},\"key\":\"production\","
                + "\"name\":\"Production\",\"color\":\"D0021B\"},\"segmentKeys\":[]}]}").collect(Collectors.joining(","));
        return "{\"key\":\"" + key + "\",\"name\":\"Pipeline " + key + "\",\"description\":\"About " + key + "\","
                + "\"createdAt\":\"2026-01-05T09:00:00Z\",\"tags\":[\"t\"],\"_version\":1,\"isProjectDefault\":false"
                + (legacy == null ? "" : ",\"_isLegacy\":" + legacy) + ",\"phases\":[" + phases + "]}";
    }

    public static String collection(int totalCount, String... items) {
        return "{\"items\":[" + String.join(",", items) + "],\"totalCount\":" + totalCount + "}";
    }

    public static String progressions(int active, int completed, int total, List<String> flagKeys, String phases) {
        String items = flagKeys.stream().map(flag -> "{\"flagKey\":\"" + flag + "\",\"_createdAt\":" + T0
                + ",\"activePhaseId\":\"p1\",\"_links\":{}}").collect(Collectors.joining(","));
        return "{\"activeCount\":" + active + ",\"completedCount\":" + completed + ",\"totalCount\":" + total
                + ",\"items\":[" + items + "],\"phases\":[" + phases + "],\"_links\":{}}";
    }

    public static String error(String code, String message) {
        return "{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}";
    }
}
