package io.releasegraph.sandbox.cryptlex;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;

import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Filters and order of {@code GET /v3/releases}. Every filter is optional; {@code name},
 * {@code channel} and {@code platform} compare case-insensitively, {@code query} is a
 * case-insensitive substring of name, version or notes.
 */
record ReleaseQuery(
        String productId,
        String name,
        String platform,
        String channel,
        String version,
        String text,
        Boolean published,
        Boolean isPrivate,
        Comparator<CryptlexRelease> order) {

    private static final Comparator<CryptlexRelease> BY_CREATED = Comparator.comparing(CryptlexRelease::createdAt);
    private static final Comparator<CryptlexRelease> BY_VERSION =
            Comparator.comparing(CryptlexRelease::version, ReleaseQuery::compareVersions);

    static ReleaseQuery from(MultivaluedMap<String, String> query) {
        return new ReleaseQuery(
                QueryParams.text(query, "productId"),
                QueryParams.text(query, "name"),
                QueryParams.text(query, "platform"),
                QueryParams.text(query, "channel"),
                QueryParams.text(query, "version"),
                QueryParams.text(query, "query"),
                QueryParams.bool(query, "published"),
                QueryParams.bool(query, "private"),
                order(QueryParams.text(query, "sort")));
    }

    boolean matches(CryptlexRelease release) {
        return (productId == null || productId.equals(release.productId()))
                && (name == null || name.equalsIgnoreCase(release.name()))
                && (platform == null || release.platforms().stream().anyMatch(platform::equalsIgnoreCase))
                && (channel == null || channel.equalsIgnoreCase(release.channel()))
                && (version == null || version.equals(release.version()))
                && (text == null || containsText(release))
                && (published == null || published == release.published())
                && (isPrivate == null || isPrivate == release.isPrivate());
    }

    private boolean containsText(CryptlexRelease release) {
        String needle = text.toLowerCase(Locale.ROOT);
        return release.name().toLowerCase(Locale.ROOT).contains(needle)
                || release.version().toLowerCase(Locale.ROOT).contains(needle)
                || release.notes().toLowerCase(Locale.ROOT).contains(needle);
    }

    /** {@code createdAt}, {@code version}, either with a leading {@code -} for descending; default newest first. */
    private static Comparator<CryptlexRelease> order(String sort) {
        String key = sort == null ? "-createdAt" : sort;
        boolean descending = key.startsWith("-");
        Comparator<CryptlexRelease> order = switch (descending ? key.substring(1) : key) {
            case "createdAt" -> BY_CREATED;
            case "version" -> BY_VERSION.thenComparing(BY_CREATED);
            default -> throw CryptlexApiException.validation(
                    "sort must be one of createdAt, -createdAt, version, -version");
        };
        // the id tie-break keeps paging stable even for equal keys
        return (descending ? order.reversed() : order).thenComparing(CryptlexRelease::id);
    }

    /** Numeric, segment by segment; a missing segment counts as 0 ({@code 1.2 == 1.2.0}). */
    static int compareVersions(String left, String right) {
        String[] a = left.split("\\.");
        String[] b = right.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int cmp = compareNumbers(i < a.length ? a[i] : "0", i < b.length ? b[i] : "0");
            if (cmp != 0) {
                return cmp;
            }
        }
        return 0;
    }

    /** Compares digit strings of any length without parsing them (they may not fit a long). */
    private static int compareNumbers(String a, String b) {
        String x = a.replaceFirst("^0+(?=.)", "");
        String y = b.replaceFirst("^0+(?=.)", "");
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }
}
