package io.releasegraph.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String SECRET = "sandbox-webhook-secret";
    private static final long T = 1_700_000_000L;
    private static final byte[] BODY = "{\"event\":\"release.updated\"}".getBytes(StandardCharsets.UTF_8);
    /** Computed outside Java: python3 hmac.new(secret, b"1700000000." + body, sha256).hexdigest(). */
    private static final String EXPECTED = "7c81074d4913cf977689853620e95160cd702cbd2e911de2928aa76aeb9516a2";
    private static final Instant AT_T = Instant.ofEpochSecond(T);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @Test
    void signsTimestampDotBodyWithHmacSha256() {
        assertThat(WebhookSignature.sign(SECRET, T, BODY)).isEqualTo(EXPECTED);
        assertThat(WebhookSignature.header(SECRET, T, BODY)).isEqualTo("t=1700000000,v1=" + EXPECTED);
    }

    @Test
    void verifiesItsOwnHeader() {
        String header = WebhookSignature.header(SECRET, T, BODY);

        assertThat(WebhookSignature.verify(SECRET, header, BODY, AT_T.plusSeconds(299), FIVE_MINUTES)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, "v1=stale," + header, BODY, AT_T, FIVE_MINUTES)).isTrue();
    }

    @Test
    void rejectsTamperingWrongSecretReplaysAndGarbage() {
        String header = WebhookSignature.header(SECRET, T, BODY);
        byte[] tampered = "{\"event\":\"release.deleted\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSignature.verify(SECRET, header, tampered, AT_T, FIVE_MINUTES)).isFalse();
        assertThat(WebhookSignature.verify("other-secret", header, BODY, AT_T, FIVE_MINUTES)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, header, BODY, AT_T.plusSeconds(301), FIVE_MINUTES)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "t=" + (T + 1) + ",v1=" + EXPECTED, BODY, AT_T, FIVE_MINUTES))
                .isFalse();
        assertThat(WebhookSignature.verify(SECRET, "v1=" + EXPECTED, BODY, AT_T, FIVE_MINUTES)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "t=abc,v1=" + EXPECTED, BODY, AT_T, FIVE_MINUTES)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, null, BODY, AT_T, FIVE_MINUTES)).isFalse();
    }
}
