package io.releasegraph.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.logging.Log;
import io.releasegraph.config.GatewayConfig;
import io.releasegraph.error.ValidationException;
import io.releasegraph.service.ProductReleaseService;
import io.smallrye.mutiny.Uni;

/**
 * Receives Cryptlex's {@code release.updated} webhooks. Nothing is read or changed before the signature checks out:
 * an HMAC-SHA256 of the raw body with the shared secret, a timestamp within the tolerance, and a signature not seen
 * before; anything else answers 401. Logs never show the secret or the signature.
 */
@Path("/webhooks/cryptlex")
public class CryptlexWebhookResource {

    private final Optional<String> secret;
    private final Duration tolerance;
    private final SeenSignatures seen;
    private final ProductReleaseService productReleases;

    CryptlexWebhookResource(GatewayConfig config, org.eclipse.microprofile.config.Config allConfig, SeenSignatures seen,
            ProductReleaseService productReleases) {
        // Without a configured secret, only the sandbox's own (public) secret is accepted, and only while the
        // sandbox is on: a production gateway that forgot its secret refuses every webhook.
        this.secret = config.cryptlex().webhook().secret().filter(value -> !value.isBlank())
                .or(() -> config.sandbox().enabled()
                        ? allConfig.getOptionalValue("gateway.sandbox.cryptlex.webhook.secret", String.class)
                        : Optional.empty());
        this.tolerance = config.cryptlex().webhook().tolerance();
        this.seen = seen;
        this.productReleases = productReleases;
    }

    /** HTTP POST /webhooks/cryptlex: 204 when handled or ignored, 401 when not verified, 400 when unreadable. */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<RestResponse<Void>> receive(@RestHeader(WebhookSignature.HEADER) String signature, byte[] body) {
        Instant now = Instant.now();
        if (secret.isEmpty()) {
            Log.warn("Refused a Cryptlex webhook: gateway.cryptlex.webhook.secret is not configured");
            return Uni.createFrom().item(RestResponse.status(RestResponse.Status.UNAUTHORIZED));
        }
        WebhookSignature.Parsed parsed = WebhookSignature.parse(signature);
        if (parsed == null || !WebhookSignature.verify(secret.get(), signature, body, now, tolerance)) {
            Log.info("Refused a Cryptlex webhook: signature missing, invalid or outside the time tolerance");
            return Uni.createFrom().item(RestResponse.status(RestResponse.Status.UNAUTHORIZED));
        }
        Instant expiresAt = Instant.ofEpochSecond(parsed.timestampSeconds()).plus(tolerance).plusSeconds(1);
        // Keyed by what the HMAC covers (timestamp and body), not by the header text, which a replay could decorate
        // with extra v1 entries. Held in memory only: never logged.
        long signedAt = parsed.timestampSeconds();
        String delivery = signedAt + "." + WebhookSignature.sign(secret.get(), signedAt, body);
        if (!seen.firstTime(delivery, expiresAt, now)) {
            Log.info("Refused a Cryptlex webhook: this signature was already used (replay)");
            return Uni.createFrom().item(RestResponse.status(RestResponse.Status.UNAUTHORIZED));
        }
        return productReleases.webhookReceived(body)
                .map(handled -> RestResponse.<Void> noContent())
                .onFailure(ValidationException.class).recoverWithItem(unreadable -> {
                    Log.info("Refused a Cryptlex webhook: signed, but the body is not a webhook event");
                    return RestResponse.status(RestResponse.Status.BAD_REQUEST);
                });
    }
}
