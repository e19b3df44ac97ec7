package io.releasegraph.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

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
import org.junit.jupiter.params.provider.EnumSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.SecretsProbe;
import io.releasegraph.support.TestTokens;
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
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class UpstreamFaultSuite {

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

    private SecretsProbe probe;

    /** The upstream's WireMock server. */
    abstract WireMockServer upstream();

    /** As in {@code extensions.upstream}. */
    abstract String name();

    /** The read the suite breaks (field {@code broken}), with its breaker's name. */
    abstract MappingBuilder readStub(ResponseDefinitionBuilder answer);

    abstract String okReadBody();

    abstract RequestPatternBuilder readRequests();

    abstract String readBreaker();

    /** Stubs the other read of the query (field {@code working}), which must keep its data. */
    abstract void stubWorkingRead();

    abstract String readDocument();

    abstract Map<String, Object> readVariables();

    /** Stubs what the mutation reads before it writes. */
    abstract void stubWriteContext();

    abstract String okWriteBody();

    abstract RequestPatternBuilder writeRequests();

    abstract String writeDocument();

    abstract Map<String, Object> writeVariables();

    /** The mutation's field in {@code data}. */
    abstract String writeField();

    @BeforeAll
    void captureLogs() {
        probe = SecretsProbe.install();
    }

    @BeforeEach
    void resetUpstream() {
        upstream().resetAll();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aFailingReadGivesItsCodeAndTheOtherFieldKeepsItsData(Fault fault) {
        stubWorkingRead();
        stubRead(fault.answer(okReadBody()));

        ExtractableResponse<Response> answer = post(readDocument(), readVariables());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.<Object> path("data.broken")).isNull();
        assertThat(answer.<Object> path("data.working.id")).as("the field fed by a healthy call").isNotNull();
        assertThat(answer.<List<?>> path("errors")).hasSize(1);
        assertThat(answer.<String> path("errors[0].extensions.code")).isEqualTo(fault.code);
        assertThat(answer.<String> path("errors[0].extensions.upstream")).isEqualTo(name());
        assertThat(answer.<Integer> path("errors[0].extensions.http.status")).isEqualTo(fault.status);
        if (fault == Fault.RATE_LIMITED) {
            assertThat(answer.<Integer> path("errors[0].extensions.retryAfterSeconds")).isEqualTo(120);
        }
        assertThat(answer.asString()).doesNotContain(FaultProfile.UPSTREAM_DETAIL).doesNotContain("\tat ")
                .doesNotContain("java.");
        upstream().verify(fault.readAttempts(), readRequests());

        assertHealthyAfterwards();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aFailingWriteReachesTheUpstreamOnceAndGivesItsCode(Fault fault) {
        stubWriteContext();
        stubWrite(fault.answer(okWriteBody()));

        ExtractableResponse<Response> answer = post(writeDocument(), writeVariables());

        assertThat(answer.<Object> path("data")).isNull();
        assertThat(answer.<String> path("errors[0].extensions.code")).isEqualTo(fault.code);
        assertThat(answer.<String> path("errors[0].extensions.upstream")).isEqualTo(name());
        assertThat(answer.asString()).doesNotContain(FaultProfile.UPSTREAM_DETAIL);
        upstream().verify(1, writeRequests());
    }

    @Test
    void a429WithinTheBoundIsWaitedOutEvenForAWriteBecauseNothingHappenedUpstream() {
        stubWriteContext();
        upstream().stubFor(writeStub(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .inScenario("limited").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("open"));
        upstream().stubFor(writeStub(okJson(okWriteBody())).inScenario("limited").whenScenarioStateIs("open"));

        ExtractableResponse<Response> answer = post(writeDocument(), writeVariables());

        assertThat(answer.<Object> path("errors")).isNull();
        assertThat(answer.<Object> path("data." + writeField())).isNotNull();
        upstream().verify(2, writeRequests());
    }

    @Test
    void repeatedFaultsOpenTheBreakerAndThenNoCallReachesTheUpstream() {
        stubWorkingRead();
        stubRead(Fault.HTTP_500.answer(okReadBody()));
        int calls = 0;
        while (CircuitBreakerMaintenance.get().currentState(readBreaker()) != CircuitBreakerState.OPEN && calls < 10) {
            post(readDocument(), readVariables());
            calls++;
        }
        assertThat(CircuitBreakerMaintenance.get().currentState(readBreaker())).isEqualTo(CircuitBreakerState.OPEN);
        // The window holds the last calls of this method, healthy ones (the other field may use it too) included.
        int reached = upstream().countRequestsMatching(readRequests().build()).getCount();
        assertThat(reached).isBetween(FaultProfile.BREAKER_VOLUME / 2, FaultProfile.BREAKER_VOLUME);

        ExtractableResponse<Response> refused = post(readDocument(), readVariables());

        assertThat(refused.<String> path("errors[0].extensions.code")).isEqualTo("UPSTREAM_UNAVAILABLE");
        assertThat(refused.<String> path("errors[0].extensions.upstream")).isEqualTo(name());
        // (the other field keeps its data only when it is another operation: a breaker is per operation)
        upstream().verify(reached, readRequests());
    }

    @Test
    void notFoundNeverOpensTheBreaker() {
        stubWorkingRead();
        stubRead(aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody("{}"));
        for (int i = 0; i < 2 * FaultProfile.BREAKER_VOLUME; i++) {
            post(readDocument(), readVariables());
        }
        assertThat(CircuitBreakerMaintenance.get().currentState(readBreaker())).isEqualTo(CircuitBreakerState.CLOSED);
        upstream().verify(2 * FaultProfile.BREAKER_VOLUME, readRequests());
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
        // the key that signs caller tokens here (Quarkus's test-mode key pair), or any 48 characters of it
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

    /** The mutation's upstream write, as a stub to answer with. */
    abstract MappingBuilder writeStub(ResponseDefinitionBuilder answer);

    private void stubRead(ResponseDefinitionBuilder answer) {
        upstream().stubFor(readStub(answer));
    }

    private void stubWrite(ResponseDefinitionBuilder answer) {
        upstream().stubFor(writeStub(answer));
    }

    private void assertHealthyAfterwards() {
        given().when().get("/q/health/live").then().statusCode(200);
        upstream().resetAll();
        stubWorkingRead();
        stubRead(okJson(okReadBody()));
        ExtractableResponse<Response> again = post(readDocument(), readVariables());
        assertThat(again.<Object> path("errors")).as("a good request after the fault: %s", again.asString()).isNull();
        assertThat(again.<Object> path("data.broken.id")).isNotNull();
    }
}
