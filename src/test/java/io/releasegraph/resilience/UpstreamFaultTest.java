package io.releasegraph.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.support.CryptlexWireMock;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.InjectWireMock;
import io.releasegraph.support.LaunchDarklyWireMock;
import io.releasegraph.support.SecretsProbe;
import io.releasegraph.support.TestTokens;
import io.releasegraph.support.TrifactaWireMock;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * The fault-injection suite, the same for every upstream: each WireMock fault on a read and on a write gives the
 * documented {@code extensions.code}, the other field of the query keeps its data, a write reaches the upstream
 * exactly once, reads are retried and then stop at an open breaker, a 404 never opens one, and the gateway is healthy
 * afterwards. Throughout, no known secret (tokens, Basic password, webhook secret, the caller's JWT, upstream error
 * details) may appear in a response, a log record or {@code /q/metrics}.
 * <p>
 * One application for all three upstreams, each on its own WireMock server; every case is parameterised by the
 * {@link FaultyUpstream} it breaks. Before each case all three servers are reset here, and {@code CleanSlateCallback}
 * closes every breaker, so no case sees another's stubs, requests or open breaker.
 */
@QuarkusTest
@TestProfile(FaultProfile.class)
@WithTestResource(TrifactaWireMock.class)
@WithTestResource(CryptlexWireMock.class)
@WithTestResource(LaunchDarklyWireMock.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpstreamFaultTest {

    enum Fault {
        HTTP_500("UPSTREAM_ERROR", 500, true),
        HTTP_502("UPSTREAM_ERROR", 502, true),
        HTTP_503("UPSTREAM_UNAVAILABLE", 503, true),
        SLOWER_THAN_TIMEOUT("UPSTREAM_TIMEOUT", null, true),
        CONNECTION_RESET("UPSTREAM_UNAVAILABLE", null, true),
        MALFORMED_JSON("UPSTREAM_ERROR", null, true),
        EMPTY_BODY("UPSTREAM_ERROR", null, true),
        RATE_LIMITED("UPSTREAM_RATE_LIMITED", 429, false),
        UNAUTHORIZED("UPSTREAM_ERROR", 401, false);

        final String code;
        final Integer status;
        /** Whether a read is retried after it: only faults of an unhealthy upstream are. */
        final boolean transient_;

        Fault(String code, Integer status, boolean transient_) {
            this.code = code;
            this.status = status;
            this.transient_ = transient_;
        }

        int readAttempts() {
            return transient_ ? 1 + FaultProfile.MAX_RETRIES : 1;
        }

        /** What WireMock answers; {@code ok} is the body of a good answer, which the slow fault sends too late. */
        ResponseDefinitionBuilder answer(String ok) {
            String detail = "{\"error\":\"" + FaultProfile.UPSTREAM_DETAIL + "\"}";
            return switch (this) {
                case HTTP_500, HTTP_502, HTTP_503, UNAUTHORIZED -> aResponse().withStatus(status)
                        .withHeader("Content-Type", "application/json").withBody(detail);
                case SLOWER_THAN_TIMEOUT -> okJson(ok).withFixedDelay(FaultProfile.TIMEOUT_MILLIS + 1500);
                case CONNECTION_RESET -> aResponse()
                        .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER);
                case MALFORMED_JSON -> aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": 7, \"name\": \"" + FaultProfile.UPSTREAM_DETAIL);
                case EMPTY_BODY -> aResponse().withStatus(200).withHeader("Content-Type", "application/json");
                case RATE_LIMITED -> aResponse().withStatus(429).withHeader("Retry-After", "120")
                        .withHeader("Content-Type", "application/json").withBody(detail);
            };
        }
    }

    @InjectWireMock("trifacta")
    WireMockServer trifacta;

    @InjectWireMock("cryptlex")
    WireMockServer cryptlex;

    @InjectWireMock("launchdarkly")
    WireMockServer launchDarkly;

    private SecretsProbe probe;

    static Stream<FaultyUpstream> upstreams() {
        return Stream.of(new TrifactaFaults(), new CryptlexFaults(), new LaunchDarklyFaults());
    }

    /** Every fault on every upstream. */
    static Stream<Arguments> faults() {
        return upstreams().flatMap(upstream -> Arrays.stream(Fault.values()).map(fault -> arguments(upstream, fault)));
    }

    @BeforeAll
    void captureLogs() {
        probe = SecretsProbe.install();
    }

    /** Stubs and request journals of all three servers; breakers are reset by CleanSlateCallback per case. */
    @BeforeEach
    void resetUpstreams() {
        for (WireMockServer server : List.of(trifacta, cryptlex, launchDarkly)) {
            server.resetAll();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("faults")
    void aFailingReadGivesItsCodeAndTheOtherFieldKeepsItsData(FaultyUpstream upstream, Fault fault) {
        stubWorkingRead(upstream);
        stubRead(upstream, fault.answer(upstream.okReadBody()));

        ExtractableResponse<Response> answer = post(upstream.readDocument(), upstream.readVariables());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.<Object> path("data.broken")).isNull();
        assertThat(answer.<Object> path("data.working.id")).as("the field fed by a healthy call").isNotNull();
        assertThat(answer.<List<?>> path("errors")).hasSize(1);
        assertThat(answer.<String> path("errors[0].extensions.code")).isEqualTo(fault.code);
        assertThat(answer.<String> path("errors[0].extensions.upstream")).isEqualTo(upstream.name());
        assertThat(answer.<Integer> path("errors[0].extensions.http.status")).isEqualTo(fault.status);
        if (fault == Fault.RATE_LIMITED) {
            assertThat(answer.<Integer> path("errors[0].extensions.retryAfterSeconds")).isEqualTo(120);
        }
        assertThat(answer.asString()).doesNotContain(FaultProfile.UPSTREAM_DETAIL).doesNotContain("\tat ")
                .doesNotContain("java.");
        server(upstream).verify(fault.readAttempts(), upstream.readRequests());

        assertHealthyAfterwards(upstream);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("faults")
    void aFailingWriteReachesTheUpstreamOnceAndGivesItsCode(FaultyUpstream upstream, Fault fault) {
        stubWriteContext(upstream);
        stubWrite(upstream, fault.answer(upstream.okWriteBody()));

        ExtractableResponse<Response> answer = post(upstream.writeDocument(), upstream.writeVariables());

        assertThat(answer.<Object> path("data")).isNull();
        assertThat(answer.<String> path("errors[0].extensions.code")).isEqualTo(fault.code);
        assertThat(answer.<String> path("errors[0].extensions.upstream")).isEqualTo(upstream.name());
        assertThat(answer.asString()).doesNotContain(FaultProfile.UPSTREAM_DETAIL);
        server(upstream).verify(1, upstream.writeRequests());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upstreams")
    void a429WithinTheBoundIsWaitedOutEvenForAWriteBecauseNothingHappenedUpstream(FaultyUpstream upstream) {
        stubWriteContext(upstream);
        server(upstream).stubFor(upstream.writeStub(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .inScenario("limited").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("open"));
        server(upstream).stubFor(upstream.writeStub(okJson(upstream.okWriteBody()))
                .inScenario("limited").whenScenarioStateIs("open"));

        ExtractableResponse<Response> answer = post(upstream.writeDocument(), upstream.writeVariables());

        assertThat(answer.<Object> path("errors")).isNull();
        assertThat(answer.<Object> path("data." + upstream.writeField())).isNotNull();
        server(upstream).verify(2, upstream.writeRequests());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upstreams")
    void repeatedFaultsOpenTheBreakerAndThenNoCallReachesTheUpstream(FaultyUpstream upstream) {
        stubWorkingRead(upstream);
        stubRead(upstream, Fault.HTTP_500.answer(upstream.okReadBody()));
        int calls = 0;
        while (breaker(upstream) != CircuitBreakerState.OPEN && calls < 10) {
            post(upstream.readDocument(), upstream.readVariables());
            calls++;
        }
        assertThat(breaker(upstream)).isEqualTo(CircuitBreakerState.OPEN);
        // The window holds the last calls of this method, healthy ones (the other field may use it too) included.
        int reached = server(upstream).countRequestsMatching(upstream.readRequests().build()).getCount();
        assertThat(reached).isBetween(FaultProfile.BREAKER_VOLUME / 2, FaultProfile.BREAKER_VOLUME);

        ExtractableResponse<Response> refused = post(upstream.readDocument(), upstream.readVariables());

        assertThat(refused.<String> path("errors[0].extensions.code")).isEqualTo("UPSTREAM_UNAVAILABLE");
        assertThat(refused.<String> path("errors[0].extensions.upstream")).isEqualTo(upstream.name());
        // (the other field keeps its data only when it is another operation: a breaker is per operation)
        server(upstream).verify(reached, upstream.readRequests());
    }

    /** The caller's mistakes (4xx other than 401, 403 and 429, which are the gateway's or the upstream's) are not faults. */
    static Stream<Arguments> callerErrors() {
        return upstreams().flatMap(upstream -> Stream.of(400, 404, 405, 409, 422)
                .map(status -> Arguments.of(upstream, status)));
    }

    @ParameterizedTest(name = "{0} answers {1}")
    @MethodSource("callerErrors")
    void aCallersClientErrorNeverOpensTheBreakerAndIsNotRetried(FaultyUpstream upstream, int status) {
        stubWorkingRead(upstream);
        stubRead(upstream,
                aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody("{}"));
        for (int i = 0; i < 2 * FaultProfile.BREAKER_VOLUME; i++) {
            post(upstream.readDocument(), upstream.readVariables());
        }
        assertThat(breaker(upstream)).isEqualTo(CircuitBreakerState.CLOSED);
        server(upstream).verify(2 * FaultProfile.BREAKER_VOLUME, upstream.readRequests());
    }

    @Test
    void aBadWebhookSignatureIsRefusedWithoutLeakingTheSecret() {
        String body = "{\"event\":\"release.updated\",\"data\":{\"id\":\"r1\"}}";
        String answer = given().contentType("application/json").header("Webhook-Signature", "t=1,v1=00")
                .body(body).when().post("/webhooks/cryptlex").then().statusCode(401).extract().asString();
        probe.saw(answer);
    }

    /** Last, after every failure scenario above ran with the known secrets configured. */
    @Test
    @Order(Integer.MAX_VALUE)
    void noSecretReachedAResponseALogOrAMetric() {
        probe.saw(given().when().get("/q/metrics").then().statusCode(200).extract().asString());
        List<String> secrets = new java.util.ArrayList<>(FaultProfile.secrets());
        secrets.add(FaultProfile.UPSTREAM_DETAIL);
        secrets.add(TestTokens.operator());
        // a configured signing key, or any 48 characters of it (callers here carry tokens of the test key pair)
        ConfigProvider.getConfig().getOptionalValue("smallrye.jwt.sign.key", String.class)
                .map(key -> key.replaceAll("-----[A-Z ]+-----|\\s", ""))
                .filter(key -> key.length() > 100)
                .ifPresent(key -> secrets.add(key.substring(60, 108)));
        // the probe does see the application's log records (the webhook refusal above logs this line)
        assertThat(probe.leaked(List.of("Refused a Cryptlex webhook"))).as("log capture works").isNotEmpty();
        assertThat(probe.leaked(secrets)).as("secrets in responses, logs or metrics").isEmpty();
    }

    @AfterAll
    void stopCapturing() {
        probe.uninstall();
    }

    private ExtractableResponse<Response> post(String document, Map<String, Object> variables) {
        ExtractableResponse<Response> answer = GraphQLClient.post(document, variables).extract();
        probe.saw(answer.asString());
        return answer;
    }

    private WireMockServer server(FaultyUpstream upstream) {
        return switch (upstream.name()) {
            case "trifacta" -> trifacta;
            case "cryptlex" -> cryptlex;
            case "launchdarkly" -> launchDarkly;
            default -> throw new IllegalArgumentException(upstream.name());
        };
    }

    private static CircuitBreakerState breaker(FaultyUpstream upstream) {
        return CircuitBreakerMaintenance.get().currentState(upstream.readBreaker());
    }

    private void stubWorkingRead(FaultyUpstream upstream) {
        upstream.workingReadStubs().forEach(server(upstream)::stubFor);
    }

    private void stubWriteContext(FaultyUpstream upstream) {
        upstream.writeContextStubs().forEach(server(upstream)::stubFor);
    }

    private void stubRead(FaultyUpstream upstream, ResponseDefinitionBuilder answer) {
        server(upstream).stubFor(upstream.readStub(answer));
    }

    private void stubWrite(FaultyUpstream upstream, ResponseDefinitionBuilder answer) {
        server(upstream).stubFor(upstream.writeStub(answer));
    }

    private void assertHealthyAfterwards(FaultyUpstream upstream) {
        given().when().get("/q/health/live").then().statusCode(200);
        server(upstream).resetAll();
        stubWorkingRead(upstream);
        stubRead(upstream, okJson(upstream.okReadBody()));
        ExtractableResponse<Response> again = post(upstream.readDocument(), upstream.readVariables());
        assertThat(again.<Object> path("errors")).as("a good request after the fault: %s", again.asString()).isNull();
        assertThat(again.<Object> path("data.broken.id")).isNotNull();
    }
}
