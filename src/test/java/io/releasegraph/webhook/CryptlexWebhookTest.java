package io.releasegraph.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.domain.EventOrigin;
import io.releasegraph.domain.ProductRelease;
import io.releasegraph.domain.ReleaseEvent;
import io.releasegraph.domain.ReleaseEventType;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.sandbox.cryptlex.CryptlexSandboxState;
import io.releasegraph.sandbox.cryptlex.CryptlexSeed;
import io.releasegraph.service.ReleaseEventBus;
import io.releasegraph.support.Ids;
import io.restassured.response.ValidatableResponse;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/** {@code POST /webhooks/cryptlex}: only a fresh, correctly signed body is accepted, and it becomes a ReleaseEvent. */
@QuarkusTest
class CryptlexWebhookTest {

    /** The default secret on both sides (application.properties). */
    static final String SECRET = "sandbox-webhook-secret";

    /** gateway.cryptlex.webhook.tolerance's default. */
    static final long TOLERANCE_SECONDS = 300;

    @Inject
    ReleaseEventBus bus;

    @Inject
    CryptlexSandboxState sandbox;

    private String releaseId;
    private AssertSubscriber<ReleaseEvent> events;

    @BeforeEach
    void subscribe() {
        // A release id of this test only, so that events of other tests (the sandbox's own webhooks) are told apart.
        releaseId = "webhook-test-" + UUID.randomUUID();
        events = bus.events(ReleaseSource.CRYPTLEX).subscribe().withSubscriber(AssertSubscriber.create(100));
    }

    @AfterEach
    void cancel() {
        events.cancel();
    }

    @Test
    void acceptsAValidSignatureAndPublishesTheRelease() {
        byte[] body = body(releaseId, "2.6.0");

        post(WebhookSignature.header(SECRET, now(), body), body).statusCode(204);

        ReleaseEvent event = awaitEvent();
        assertThat(event.type()).isEqualTo(ReleaseEventType.RELEASE_UPDATED);
        assertThat(event.origin()).isEqualTo(EventOrigin.WEBHOOK);
        assertThat(event.releaseId()).isEqualTo(Ids.productRelease(releaseId));
        assertThat(event.occurredAt()).isNotNull();
        assertThat(((ProductRelease) event.release()).version()).isEqualTo("2.6.0");
    }

    @Test
    void refusesAMissingSignature() {
        byte[] body = body(releaseId, "2.6.0");
        given().contentType("application/json").body(body).when().post("/webhooks/cryptlex").then().statusCode(401);
        assertEvents(0);
    }

    @Test
    void refusesAnInvalidSignature() {
        byte[] body = body(releaseId, "2.6.0");
        post("t=" + now() + ",v1=" + "0".repeat(64), body).statusCode(401);
        post("garbage", body).statusCode(401);
        assertEvents(0);
    }

    @Test
    void refusesASignatureOfAnotherBody() {
        byte[] signed = body(releaseId, "2.6.0");
        post(WebhookSignature.header(SECRET, now(), signed), body(releaseId, "9.9.9")).statusCode(401);
        assertEvents(0);
    }

    @Test
    void refusesAWrongSecret() {
        byte[] body = body(releaseId, "2.6.0");
        post(WebhookSignature.header("another-secret", now(), body), body).statusCode(401);
        assertEvents(0);
    }

    @Test
    void refusesAStaleSignature() {
        byte[] body = body(releaseId, "2.6.0");
        // Well outside the 300 s tolerance: one second that passes between signing and checking must not matter.
        post(WebhookSignature.header(SECRET, now() - TOLERANCE_SECONDS - 10, body), body).statusCode(401);
        post(WebhookSignature.header(SECRET, now() + TOLERANCE_SECONDS + 10, body), body).statusCode(401);
        assertEvents(0);
    }

    @Test
    void acceptsASignatureWithinTheTolerance() {
        byte[] body = body(releaseId, "2.6.0");
        post(WebhookSignature.header(SECRET, now() - TOLERANCE_SECONDS + 10, body), body).statusCode(204);
        awaitEvent();
    }

    @Test
    void refusesAReplay() {
        byte[] body = body(releaseId, "2.6.0");
        String header = WebhookSignature.header(SECRET, now(), body);

        post(header, body).statusCode(204);
        post(header, body).statusCode(401);
        post(header + ",v1=" + "f".repeat(64), body).statusCode(401);
        post("v1=" + "a".repeat(64) + "," + header, body).statusCode(401);

        awaitEvent();
        assertEvents(1);
    }

    @Test
    void ignoresOtherEventsAndRefusesAnUnreadableBody() {
        byte[] other = ("{\"event\":\"license.created\",\"data\":{\"id\":\"" + releaseId + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        post(WebhookSignature.header(SECRET, now(), other), other).statusCode(204);
        byte[] unreadable = "not json".getBytes(StandardCharsets.UTF_8);
        post(WebhookSignature.header(SECRET, now(), unreadable), unreadable).statusCode(400);
        assertEvents(0);
    }

    @Test
    void theSandboxsOwnWebhooksReachTheGatewayOnTheDefaults() {
        releaseId = CryptlexSeed.STUDIO_2_5_1_BETA;
        sandbox.reset();

        given().contentType("application/json").header("Authorization", "Bearer sandbox-cryptlex-token")
                .body("{\"notes\":\"changed in Cryptlex, not through the gateway\"}")
                .when().patch("/sandbox/cryptlex/v3/releases/" + releaseId).then().statusCode(200);

        ReleaseEvent event = awaitEvent();
        assertThat(event.origin()).isEqualTo(EventOrigin.WEBHOOK);
        assertThat(((ProductRelease) event.release()).notes()).isEqualTo("changed in Cryptlex, not through the gateway");
    }

    private static ValidatableResponse post(String signature, byte[] body) {
        return given().contentType("application/json").header(WebhookSignature.HEADER, signature).body(body)
                .when().post("/webhooks/cryptlex").then();
    }

    private ReleaseEvent awaitEvent() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<ReleaseEvent> mine = mine();
            if (!mine.isEmpty()) {
                return mine.get(0);
            }
            sleep(50);
        }
        throw new AssertionError("no event for " + releaseId);
    }

    /** Gives a wrongly accepted webhook time to show, then checks that exactly {@code accepted} came through. */
    private void assertEvents(int accepted) {
        sleep(300);
        assertThat(mine()).hasSize(accepted);
    }

    private List<ReleaseEvent> mine() {
        String id = Ids.productRelease(releaseId);
        return events.getItems().stream().filter(event -> event.releaseId().equals(id)).toList();
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    static byte[] body(String id, String version) {
        return ("{\"event\":\"release.updated\",\"triggeredAt\":\"2025-06-03T12:00:00Z\",\"data\":{\"id\":\"" + id + "\","
                + "\"createdAt\":\"2025-06-03T11:20:00Z\",\"updatedAt\":\"2025-06-03T12:00:00Z\",\"name\":\"Webhook test\","
                + "\"channel\":\"beta\",\"version\":\"" + version + "\",\"platforms\":[\"windows\"],\"notes\":\"\","
                + "\"totalFiles\":0,\"publishedAt\":null,\"files\":[],\"published\":false,\"private\":false,"
                + "\"archived\":false,\"productId\":\"p-1\",\"tenantId\":\"t-1\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
