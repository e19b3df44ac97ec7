package io.releasegraph.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A global object ID: upstream, schema type and the upstream's own ID, base64url-encoded so clients treat
 * it as opaque. Example: {@code trifacta:DeploymentRelease:12}. The upstream is a provider's key, not the
 * schema's {@link ReleaseSource}, so a provider the enum does not name has IDs too; who owns one is decided
 * where IDs are routed.
 */
public record GlobalId(String source, String type, String externalId) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** Mappers encode one ID per object they map; {@code withoutPadding()} would make an encoder each time. */
    public static String encode(ReleaseSource source, String type, Object externalId) {
        return encode(source.key(), type, externalId);
    }

    public static String encode(String source, String type, Object externalId) {
        byte[] raw = (source + ":" + type + ":" + externalId).getBytes(StandardCharsets.UTF_8);
        return new String(ENCODER.encode(raw), StandardCharsets.ISO_8859_1);
    }

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public static Optional<GlobalId> decode(String id) {
        if (id == null || id.isBlank() || id.length() > 512) {
            return Optional.empty();
        }
        try {
            String raw = new String(DECODER.decode(id), StandardCharsets.UTF_8);
            String[] parts = raw.split(":", 3);
            if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new GlobalId(parts[0], parts[1], parts[2]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean isFrom(ReleaseSource upstream) {
        return source.equals(upstream.key());
    }

    public String encoded() {
        return encode(source, type, externalId);
    }

    /** The upstream ID as a number, for upstreams with numeric IDs. */
    public Optional<Long> numericId() {
        try {
            long value = Long.parseLong(externalId);
            return value > 0 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
