package io.releasegraph.sandbox.cryptlex;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** An external release file to add ({@code POST /v3/release-files}), validated. */
record ReleaseFileInput(String releaseId, String name, String url, long size, String checksum) {

    /** Upload names allow letters, digits, dot, dash and underscore only (upstreams.md D6). */
    private static final Pattern FILE_NAME = Pattern.compile("^[A-Za-z0-9._-]{1,256}$");
    private static final Pattern CHECKSUM = Pattern.compile("^[0-9a-fA-F]{32}$");

    static ReleaseFileInput parse(JsonNode body) {
        JsonBodies.requireObject(body);
        String releaseId = requiredText(body, "releaseId", "releaseId is required");
        String name = requiredText(body, "name", "name may contain only letters, digits, '.', '-' and '_'");
        if (!FILE_NAME.matcher(name).matches()) {
            throw CryptlexApiException.validation("name may contain only letters, digits, '.', '-' and '_'");
        }
        String url = requiredText(body, "url", "url must be an absolute http(s) URL");
        if (!isHttpUrl(url)) {
            throw CryptlexApiException.validation("url must be an absolute http(s) URL");
        }
        JsonNode size = body.path("size");
        if (!size.canConvertToLong() || !size.isIntegralNumber() || size.longValue() < 0) {
            throw CryptlexApiException.validation("size must be a non-negative integer (bytes)");
        }
        String checksum = null;
        if (body.hasNonNull("checksum")) {
            JsonNode node = body.get("checksum");
            if (!node.isTextual() || !CHECKSUM.matcher(node.textValue()).matches()) {
                throw CryptlexApiException.validation("checksum must be 32 hexadecimal characters (MD5)");
            }
            checksum = node.textValue().toLowerCase(Locale.ROOT);
        }
        return new ReleaseFileInput(releaseId, name, url, size.longValue(), checksum);
    }

    private static String requiredText(JsonNode body, String field, String rule) {
        JsonNode node = body.get(field);
        if (node == null || !node.isTextual() || node.textValue().isBlank()) {
            throw CryptlexApiException.validation(rule);
        }
        return node.textValue();
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
