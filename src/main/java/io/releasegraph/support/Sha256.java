package io.releasegraph.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as the gateway uses it: hex keys, fingerprints and entity tags. */
public final class Sha256 {

    private Sha256() {
    }

    /** A fresh digest, for content read in pieces. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available in the JDK", e);
        }
    }

    /** Lower-case hex of the bytes' SHA-256. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** Lower-case hex of the SHA-256 of the text's UTF-8 bytes (as Apollo's clients hash documents). */
    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A strong HTTP entity tag for the bytes: the first 16 bytes of their SHA-256, quoted hex. */
    public static String etag(byte[] bytes) {
        return "\"" + HexFormat.of().formatHex(digest().digest(bytes), 0, 16) + "\"";
    }
}
