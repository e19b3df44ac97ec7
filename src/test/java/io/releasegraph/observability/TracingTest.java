package io.releasegraph.observability;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.InjectWireMock;
import io.releasegraph.support.OperationsProfile;
import io.releasegraph.support.TrifactaWireMock;

/** With the SDK on, a GraphQL request is one trace: the server span and a client span per upstream call. */
@QuarkusTest
@TestProfile(OperationsProfile.class)
@WithTestResource(TrifactaWireMock.class)
class TracingTest {

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-01");
    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    InMemorySpanExporter spans;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
        wireMock.stubFor(get(urlPathEqualTo("/v4/jobGroups/33"))
                .willReturn(okJson("{\"id\":33,\"status\":\"Complete\",\"jobs\":{\"data\":[]}}")));
        spans.reset();
    }

    @Test
    void aGraphQLRequestProducesSpansForItsUpstreamCalls() {
        // A trace id of our own tells this request's spans from late ones of earlier tests.
        String trace = UUID.randomUUID().toString().replace("-", "");
        GraphQLClient.post("jobGroup", Map.of("id", Ids.jobGroup(33)),
                Map.of("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")).statusCode(200);

        SpanData server = awaitSpan(span -> span.getTraceId().equals(trace) && span.getKind() == SpanKind.SERVER);
        assertThat(server.getName()).isEqualTo("POST /graphql");
        SpanData client = awaitSpan(span -> span.getTraceId().equals(trace) && span.getKind() == SpanKind.CLIENT
                && span.getName().equals("GET /v4/jobGroups/{id}"));
        assertThat(parentChain(client)).as("the upstream call's ancestors").contains(server.getSpanId());
    }

    @Test
    void upstreamCallsCarryTheCallersTraceContext() {
        GraphQLClient.post("jobGroup", Map.of("id", Ids.jobGroup(33)),
                Map.of("traceparent", "00-" + CALLER_TRACE + "-00f067aa0ba902b7-01")).statusCode(200);

        LoggedRequest call = wireMock.findAll(getRequestedFor(urlPathEqualTo("/v4/jobGroups/33"))).get(0);
        Matcher traceparent = TRACEPARENT.matcher(String.valueOf(call.getHeader("traceparent")));
        assertThat(traceparent.matches()).as("traceparent sent upstream: %s", call.getHeader("traceparent")).isTrue();
        assertThat(traceparent.group(1)).isEqualTo(CALLER_TRACE);
        String upstreamParent = traceparent.group(2);
        SpanData client = awaitSpan(span -> span.getSpanId().equals(upstreamParent));
        assertThat(client.getKind()).isEqualTo(SpanKind.CLIENT);
    }

    @Test
    void spansCarryNoCredentials() {
        String trace = UUID.randomUUID().toString().replace("-", "");
        GraphQLClient.post("jobGroup", Map.of("id", Ids.jobGroup(33)),
                Map.of("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")).statusCode(200);
        awaitSpan(span -> span.getTraceId().equals(trace) && span.getKind() == SpanKind.CLIENT);

        assertThat(spans.getFinishedSpanItems()).allSatisfy(span -> span.getAttributes().forEach(
                (key, value) -> assertThat(String.valueOf(value)).as(key.getKey())
                        .doesNotContain("sandbox-trifacta-token").doesNotContainIgnoringCase("bearer")));
    }

    /** Span ids from the span's parent up to the root, as far as they were exported. */
    private List<String> parentChain(SpanData span) {
        List<SpanData> finished = spans.getFinishedSpanItems();
        List<String> chain = new ArrayList<>();
        for (String parent = span.getParentSpanId(); parent != null && !chain.contains(parent);) {
            chain.add(parent);
            String current = parent;
            parent = finished.stream().filter(candidate -> candidate.getSpanId().equals(current)).findFirst()
                    .map(SpanData::getParentSpanId).orElse(null);
        }
        return chain;
    }

    private SpanData awaitSpan(Predicate<SpanData> wanted) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(25))
                .alias("a span among " + spans.getFinishedSpanItems().stream()
                        .map(span -> span.getKind() + " " + span.getName()).toList())
                .until(() -> spans.getFinishedSpanItems().stream().filter(wanted).findFirst(),
                        java.util.Optional::isPresent)
                .get();
    }
}
