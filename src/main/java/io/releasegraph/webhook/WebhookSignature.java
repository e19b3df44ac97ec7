package io.releasegraph.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Cryptlex's webhook signature (docs.cryptlex.com, "Webhooks"): header {@value #HEADER} carries the base64-encoded
 * HMAC-SHA256 of the raw request body, keyed with the webhook's token. Nothing else is signed separately (no
 * timestamp header); the body's own {@code triggeredAt} is covered by the HMAC. The sandbox (signing) and the
 * gateway's receiver (verifying) both use this class.
 */
public final class WebhookSignature {

    public static final String HEADER = "Webhook-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    /** The raw HMAC-SHA256 of {@code body} keyed with {@code token}. */
    public static byte[] mac(String token, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** The header value: standard base64 (with padding, as on the vendor's page) of the HMAC. */
    public static String sign(String token, byte[] body) {
        return Base64.getEncoder().encodeToString(mac(token, body));
    }

    /**
     * True when {@code headerValue} is the base64 HMAC-SHA256 of {@code body} under {@code token}. The decoded bytes
     * are compared in constant time; a missing or undecodable value is simply not valid.
     */
    public static boolean verify(String token, String headerValue, byte[] body) {
        if (headerValue == null || headerValue.isBlank()) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(headerValue.trim());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return MessageDigest.isEqual(mac(token, body), presented);
    }
}
