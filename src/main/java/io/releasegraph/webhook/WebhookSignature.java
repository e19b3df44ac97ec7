package io.releasegraph.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature scheme: header {@value #HEADER} is {@code t=<unix seconds>,v1=<hex>}, where
 * {@code <hex>} is the lowercase hex HMAC-SHA256, keyed with the shared secret, of the bytes of
 * {@code "<t>."} followed by the raw request body. The timestamp lets receivers refuse replays.
 * Both the sandbox (signing) and the gateway's webhook receiver (verifying) use this class.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Cryptlex-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    /** Lowercase hex HMAC-SHA256 of {@code "<timestampSeconds>.<body>"}. */
    public static String sign(String secret, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** The full header value, {@code t=<timestampSeconds>,v1=<signature>}. */
    public static String header(String secret, long timestampSeconds, byte[] body) {
        return "t=" + timestampSeconds + ",v1=" + sign(secret, timestampSeconds, body);
    }

    /**
     * True when {@code headerValue} carries a {@code v1} signature of {@code body} made with
     * {@code secret}, and its timestamp lies within {@code tolerance} of {@code now}.
     * Compares in constant time; any malformed header is simply not valid.
     */
    public static boolean verify(String secret, String headerValue, byte[] body, Instant now, Duration tolerance) {
        Parsed parsed = parse(headerValue);
        if (parsed == null
                || Math.abs(now.getEpochSecond() - parsed.timestampSeconds()) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = sign(secret, parsed.timestampSeconds(), body).getBytes(StandardCharsets.US_ASCII);
        boolean valid = false;
        for (String candidate : parsed.signatures()) {
            // no early exit: every candidate costs the same
            valid |= MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII));
        }
        return valid;
    }

    /** The parts of a header value, or {@code null} when it has no timestamp or no {@code v1} entry. */
    public static Parsed parse(String headerValue) {
        if (headerValue == null) {
            return null;
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : headerValue.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length != 2) {
                continue;
            }
            if ("t".equals(pair[0])) {
                try {
                    timestamp = Long.parseLong(pair[1]);
                } catch (NumberFormatException e) {
                    return null;
                }
            } else if ("v1".equals(pair[0])) {
                signatures.add(pair[1]);
            }
        }
        return timestamp == null || signatures.isEmpty() ? null : new Parsed(timestamp, List.copyOf(signatures));
    }

    /** A parsed header: the signing time and every {@code v1} signature (several during a secret rotation). */
    public record Parsed(long timestampSeconds, List<String> signatures) {
    }
}
