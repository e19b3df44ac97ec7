package io.releasegraph.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.logging.Log;
import io.releasegraph.config.GatewayConfig;
import io.releasegraph.config.SandboxSwitch;
import io.releasegraph.error.ValidationException;
import io.releasegraph.provider.cryptlex.Cryptlex;
import io.releasegraph.service.ProductReleaseService;
import io.releasegraph.store.WebhookDeliveries;
import io.smallrye.mutiny.Uni;

/**
 * Receives Cryptlex's {@code release.updated} webhooks as Cryptlex sends them: {@code Webhook-Signature} is the
 * base64 HMAC-SHA256 of the raw body under the webhook's token ({@link WebhookSignature}). Nothing is read or changed
 * before the signature checks out; a missing or wrong signature, a parseable {@code triggeredAt} outside the
 * tolerance, or a delivery already accepted (on any replica sharing the store) answers 401 with no body. Logs never
 * show the token or the signature.
 */
@Path("/webhooks/cryptlex")
public class CryptlexWebhookResource {

    private final Optional<String> token;
    private final Duration tolerance;
    private final WebhookDeliveries deliveries;
    private final ProductReleaseService productReleases;

    CryptlexWebhookResource(GatewayConfig config, SandboxSwitch sandbox,
            org.eclipse.microprofile.config.Config allConfig, WebhookDeliveries deliveries,
            ProductReleaseService productReleases) {
        // Without a configured token, only the sandbox's own (public) one is accepted, and only while the sandbox is
        // on: a production gateway that forgot its token refuses every webhook.
        this.token = config.cryptlex().webhook().secret().filter(value -> !value.isBlank())
                .or(() -> sandbox.on()
                        ? allConfig.getOptionalValue("gateway.sandbox.cryptlex.webhook.secret", String.class)
                        : Optional.empty());
        this.tolerance = config.cryptlex().webhook().tolerance();
        this.deliveries = deliveries;
        this.productReleases = productReleases;
    }

    /** HTTP POST /webhooks/cryptlex: 204 when handled or ignored, 401 when not verified, 400 when unreadable. */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<RestResponse<Void>> receive(@RestHeader(WebhookSignature.HEADER) String signature, byte[] body) {
        Instant now = Instant.now();
        if (token.isEmpty()) {
            Log.warn("Refused a Cryptlex webhook: gateway.cryptlex.webhook.secret is not configured");
            return refused();
        }
        if (!WebhookSignature.verify(token.get(), signature, body)) {
            Log.info("Refused a Cryptlex webhook: signature missing or invalid");
            return refused();
        }
        Cryptlex.WebhookEvent event;
        try {
            event = productReleases.readWebhook(body);
        } catch (ValidationException unreadable) {
            Log.info("Refused a Cryptlex webhook: signed, but the body is not a webhook event");
            return Uni.createFrom().item(RestResponse.status(RestResponse.Status.BAD_REQUEST));
        }
        // triggeredAt is inside the signed body, so when it is a date it bounds a replay's age; seed 003 types it as
        // a plain string, so anything else is accepted and only the replay memory below stands against a replay.
        Optional<Instant> triggeredAt = event.triggeredAt().map(OffsetDateTime::toInstant);
        if (triggeredAt.isPresent() && Duration.between(triggeredAt.get(), now).abs().compareTo(tolerance) > 0) {
            Log.info("Refused a Cryptlex webhook: its triggeredAt is outside the time tolerance");
            return refused();
        }
        // Remembered at least until a dated delivery would be refused as stale anyway.
        Instant expiresAt = triggeredAt.filter(now::isBefore).orElse(now).plus(tolerance);
        byte[] mac = WebhookSignature.mac(token.get(), body);
        return deliveries.claim(mac, expiresAt).chain(first -> {
            if (!first) {
                Log.info("Refused a Cryptlex webhook: this delivery was already accepted (replay)");
                return refused();
            }
            return productReleases.webhookReceived(event)
                    .map(handled -> RestResponse.<Void> noContent())
                    // Handling failed: forget the delivery so that a retry of it is handled, not refused as a replay.
                    .onFailure().call(failure -> deliveries.forget(mac));
        });
    }

    private static Uni<RestResponse<Void>> refused() {
        return Uni.createFrom().item(RestResponse.status(RestResponse.Status.UNAUTHORIZED));
    }
}
