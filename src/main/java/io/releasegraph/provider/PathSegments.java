package io.releasegraph.provider;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * An ID that goes into an upstream URL as one path segment. What the upstreams document leaves open (Cryptlex says
 * only "string") is checked for what is safe in a path, nothing more: not empty, at most 256 characters, no dot
 * segment, no separator, no percent sign, no control character. {@link #encode} percent-encodes a segment so that
 * even {@code .} and {@code ..} stay one literal segment (RFC 3986 §3.3 would remove them otherwise).
 */
public final class PathSegments {

    public static final int MAX_LENGTH = 256;

    private PathSegments() {
    }

    public static boolean isSafe(String segment) {
        if (segment == null || segment.isEmpty() || segment.length() > MAX_LENGTH
                || segment.equals(".") || segment.equals("..")) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == '%' || c == '?' || c == '#'
                    || Character.isISOControl(c) || Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /** The segment percent-encoded (UTF-8), with every {@code .} as {@code %2E}, for an {@code @Encoded} path parameter. */
    public static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace(".", "%2E");
    }
}
