package io.releasegraph.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The vendor's examples under {@code src/test/resources/webhooks/cryptlex/} (see the README there), and Cryptlex's
 * signing done here with the JDK alone, not with the code under test.
 */
final class CryptlexWebhookFixtures {

    /** Seed 003's {@code release.updated} body, byte for byte. */
    static final String SEED_BODY = "webhooks/cryptlex/seed-003-release-updated.json";
    /** The {@code Content-Type} of the example on Cryptlex's "Webhooks" page. */
    static final String PAGE_CONTENT_TYPE = "application/json; charset=utf-8";

    private CryptlexWebhookFixtures() {
    }

    static byte[] bytes(String resource) {
        try (InputStream in = CryptlexWebhookFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code Webhook-Signature} value of the page's example, verbatim. */
    static String pageSignature() {
        return new String(bytes("webhooks/cryptlex/webhooks-page-request-headers.txt"), StandardCharsets.UTF_8)
                .lines().filter(line -> line.startsWith("Webhook-Signature: ")).findFirst().orElseThrow()
                .substring("Webhook-Signature: ".length());
    }

    /** What Cryptlex sends in {@code Webhook-Signature}: base64 of the HMAC-SHA256 of the raw body. */
    static String cryptlexSignature(String token, byte[] body) {
        return Base64.getEncoder().encodeToString(hmac(token, body));
    }

    static byte[] hmac(String token, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The row key another replica would have written for a delivery: hex SHA-256 of its signature bytes. */
    static String storeKey(String token, byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(hmac(token, body)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
