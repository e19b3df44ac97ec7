package io.releasegraph.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** Cryptlex's scheme: {@code Webhook-Signature} = base64(HMAC-SHA256(token, raw body)). */
class WebhookSignatureTest {

    private static final String TOKEN = "test-webhook-token";
    private static final byte[] SEED_BODY = CryptlexWebhookFixtures.bytes(CryptlexWebhookFixtures.SEED_BODY);
    /**
     * Computed outside Java: {@code base64.b64encode(hmac.new(b"test-webhook-token", open(fixture, "rb").read(),
     * hashlib.sha256).digest())} in python3.
     */
    private static final String SEED_SIGNATURE = "92P154utLsZTGni5r+sdSi36IZEF2GTuzxo8eNwogUk=";
    private static final byte[] SHORT_BODY = "{\"event\":\"release.updated\"}".getBytes(StandardCharsets.UTF_8);
    /** The same way, over {@link #SHORT_BODY}. */
    private static final String SHORT_SIGNATURE = "0odHNOAxFmylgA1R3PM2Er0BuFSsbc45vSjQ0V6BHpQ=";

    @Test
    void signsTheRawBodyWithHmacSha256InBase64() {
        assertThat(WebhookSignature.HEADER).isEqualTo("Webhook-Signature");
        assertThat(WebhookSignature.sign(TOKEN, SEED_BODY)).isEqualTo(SEED_SIGNATURE);
        assertThat(WebhookSignature.sign(TOKEN, SHORT_BODY)).isEqualTo(SHORT_SIGNATURE);
    }

    @Test
    void verifiesASignatureMadeOutsideJava() {
        assertThat(WebhookSignature.verify(TOKEN, SEED_SIGNATURE, SEED_BODY)).isTrue();
        assertThat(WebhookSignature.verify(TOKEN, SHORT_SIGNATURE, SHORT_BODY)).isTrue();
    }

    @Test
    void refusesTamperingAWrongTokenAndGarbage() {
        byte[] tampered = "{\"event\":\"release.deleted\"}".getBytes(StandardCharsets.UTF_8);
        String hexOfTheRightMac = java.util.HexFormat.of().formatHex(Base64.getDecoder().decode(SHORT_SIGNATURE));

        assertThat(WebhookSignature.verify(TOKEN, SHORT_SIGNATURE, tampered)).isFalse();
        assertThat(WebhookSignature.verify("another-token", SHORT_SIGNATURE, SHORT_BODY)).isFalse();
        assertThat(WebhookSignature.verify(TOKEN, null, SHORT_BODY)).isFalse();
        assertThat(WebhookSignature.verify(TOKEN, "", SHORT_BODY)).isFalse();
        assertThat(WebhookSignature.verify(TOKEN, "not base64 at all!", SHORT_BODY)).isFalse();
        assertThat(WebhookSignature.verify(TOKEN, hexOfTheRightMac, SHORT_BODY)).isFalse();
        assertThat(WebhookSignature.verify(TOKEN, "t=1700000000,v1=" + hexOfTheRightMac, SHORT_BODY)).isFalse();
        // a prefix of the right MAC is not the MAC
        assertThat(WebhookSignature.verify(TOKEN, SHORT_SIGNATURE.substring(0, 40), SHORT_BODY)).isFalse();
    }

    @Test
    void theVendorPagesExampleSignatureHasTheShapeWeSignAndVerify() {
        String pageSignature = CryptlexWebhookFixtures.pageSignature();

        // standard base64 with padding, 32 bytes: an HMAC-SHA256, like ours
        assertThat(Base64.getDecoder().decode(pageSignature)).hasSize(32);
        assertThat(pageSignature).hasSameSizeAs(SEED_SIGNATURE).endsWith("=");
        // the page elides its body and shows no token, so its signature can only be a wrong one here
        assertThat(WebhookSignature.verify(TOKEN, pageSignature, SEED_BODY)).isFalse();
    }
}
