package io.releasegraph.sandbox.cryptlex;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.releasegraph.sandbox.cryptlex.CryptlexSandboxTest.ISO_UTC;
import static io.releasegraph.sandbox.cryptlex.CryptlexSandboxTest.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The sandbox's {@code release.updated} deliveries, caught by WireMock: signed as Cryptlex's "Webhooks" page describes
 * ({@code Webhook-Signature} = base64 of the HMAC-SHA256 of the raw body under the webhook's token, no timestamp
 * header), with seed 003's body.
 */
@QuarkusTest
@WithTestResource(CryptlexWebhookReceiver.class)
class CryptlexSandboxWebhookTest {

    /** Generous for a loaded 2-core machine; deliveries normally arrive within milliseconds. */
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration QUIET_PERIOD = Duration.ofMillis(300);

    WireMockServer receiver;

    @Inject
    CryptlexSandboxState state;

    @Inject
    CryptlexRateLimiter limiter;

    @Inject
    ObjectMapper mapper;

    @BeforeEach
    void reset() {
        state.reset();
        limiter.reset();
        receiver.resetRequests();
    }

    @Test
    void patchDeliversOneSignedReleaseUpdated() throws Exception {
        JsonNode updated = mapper.readTree(api().body(Map.of("notes", "Webhook me"))
                .patch("/v3/releases/{id}", CryptlexSeed.STUDIO_2_5_1_BETA)
                .then().statusCode(200).extract().asString());

        LoggedRequest delivery = awaitSingleDelivery();

        JsonNode event = assertSignedReleaseUpdated(delivery);
        assertThat(event.get("data")).isEqualTo(updated);
        assertThat(event.at("/data/notes").asText()).isEqualTo("Webhook me");
    }

    @Test
    void publishDeliversOneSignedReleaseUpdated() throws Exception {
        api().post("/v3/releases/{id}/publish", CryptlexSeed.CLI_1_10_0_BETA).then().statusCode(200);

        JsonNode event = assertSignedReleaseUpdated(awaitSingleDelivery());

        assertThat(event.at("/data/id").asText()).isEqualTo(CryptlexSeed.CLI_1_10_0_BETA);
        assertThat(event.at("/data/published").asBoolean()).isTrue();
        assertThat(event.at("/data/publishedAt").asText()).matches(ISO_UTC);
    }

    @Test
    void failedUpdatesSendNothing() throws Exception {
        api().body(Map.of("version", "1.2.3.4.5")).patch("/v3/releases/{id}", CryptlexSeed.STUDIO_2_5_1_BETA)
                .then().statusCode(400);
        api().body(Map.of("notes", "x")).patch("/v3/releases/{id}", CryptlexSeed.STUDIO_2_4_0)
                .then().statusCode(409);
        api().post("/v3/releases/{id}/publish", CryptlexSeed.STUDIO_2_4_0).then().statusCode(409);
        api(CryptlexSandboxTest.READ_TOKEN).body(Map.of("notes", "x"))
                .patch("/v3/releases/{id}", CryptlexSeed.STUDIO_2_5_1_BETA).then().statusCode(403);
        // a successful update afterwards marks the point by which any stray delivery would have arrived
        api().body(Map.of("notes", "marker")).patch("/v3/releases/{id}", CryptlexSeed.CLI_1_10_0_BETA)
                .then().statusCode(200);

        LoggedRequest only = awaitSingleDelivery();

        assertThat(assertSignedReleaseUpdated(only).at("/data/id").asText()).isEqualTo(CryptlexSeed.CLI_1_10_0_BETA);
    }

    /** Checks the envelope and verifies the signature with an HMAC computed here, not by the code under test. */
    private JsonNode assertSignedReleaseUpdated(LoggedRequest delivery) throws Exception {
        // the page's example: "Content-Type: application/json; charset=utf-8"
        assertThat(delivery.getHeader("Content-Type")).isEqualToIgnoringCase("application/json; charset=utf-8");
        assertThat(delivery.containsHeader("X-Cryptlex-Signature")).as("no invented header").isFalse();

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(CryptlexWebhookReceiver.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(delivery.getHeader("Webhook-Signature"))
                .isEqualTo(Base64.getEncoder().encodeToString(mac.doFinal(delivery.getBody())));

        JsonNode event = mapper.readTree(delivery.getBody());
        assertThat(event.get("event").asText()).isEqualTo("release.updated");
        assertThat(event.get("triggeredAt").asText()).matches(ISO_UTC);
        assertThat(event.get("data").get("id").asText()).isNotEmpty();
        return event;
    }

    /** Waits for the asynchronous delivery, then makes sure no second one follows. */
    private LoggedRequest awaitSingleDelivery() {
        await().atMost(DELIVERY_TIMEOUT).until(() -> !deliveries().isEmpty());
        await().during(QUIET_PERIOD).atMost(QUIET_PERIOD.plusSeconds(5)).until(() -> deliveries().size() == 1);
        return deliveries().get(0);
    }

    private List<LoggedRequest> deliveries() {
        return receiver.findAll(postRequestedFor(urlEqualTo(CryptlexWebhookReceiver.PATH)));
    }
}
