package io.releasegraph.domain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * One slice of a list, cut the same way for every connection in the schema: {@code first} items after the
 * opaque {@code after} cursor. A keyset cursor holds the item's sort key and ID ({@link Position}), so the next page
 * starts after that place in the order even when items were inserted or removed in between; an offset cursor (lists
 * without a known sort key) stays valid only while the list does not change.
 */
public record Page<T>(List<T> items, List<String> cursors, PageInfo pageInfo, int totalCount) {

    public static final int DEFAULT_SIZE = 25;
    public static final int MAX_SIZE = 100;
    private static final String PREFIX = "offset:";

    private static final String KEYSET = "keyset:";
    /** Between sort key and ID in a keyset cursor; IDs are base64url, so the last one is the separator. */
    private static final char SEPARATOR = '\u001f';

    /** Where an item stands in its list's order: what a keyset cursor holds. */
    public record Position(String sortKey, String id) {
    }

    /**
     * The {@code first} items after the position {@code after} (from the start when null), of a list sorted by
     * {@code order}; each item's cursor is its own position.
     */
    public static <T> Page<T> of(List<T> sorted, List<Position> positions, java.util.Comparator<Position> order,
            int first, Position after) {
        int from = 0;
        if (after != null) { // the first item that sorts after the cursor's place (positions are unique)
            int found = java.util.Collections.binarySearch(positions, after, order);
            from = found >= 0 ? found + 1 : -found - 1;
        }
        int to = Math.min(from + first, sorted.size());
        List<String> cursors = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            cursors.add(keysetCursor(positions.get(i)));
        }
        PageInfo info = PageInfo.of(to < sorted.size(), from > 0, cursors);
        return new Page<>(List.copyOf(sorted.subList(from, to)), cursors, info, sorted.size());
    }

    static String keysetCursor(Position position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (KEYSET + position.sortKey() + SEPARATOR + position.id()).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a keyset cursor holds, or empty when the cursor is not a keyset cursor of ours. */
    public static Optional<Position> positionOf(String cursor) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int separator = decoded.lastIndexOf(SEPARATOR);
            if (!decoded.startsWith(KEYSET) || separator < KEYSET.length()) {
                return Optional.empty();
            }
            return Optional.of(new Position(decoded.substring(KEYSET.length(), separator), decoded.substring(separator + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static <T> Page<T> of(List<T> all, int first, int afterOffset) {
        int from = Math.min(afterOffset, all.size());
        int to = Math.min(from + first, all.size());
        List<String> cursors = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            cursors.add(cursor(i + 1));
        }
        PageInfo info = PageInfo.of(to < all.size(), from > 0, cursors);
        return new Page<>(List.copyOf(all.subList(from, to)), cursors, info, all.size());
    }

    /** Cursors of the first offsets, made once: every page of every list needs them again. */
    private static final String[] FIRST_CURSORS = new String[MAX_SIZE * 10 + 1];

    /** The cursor after which the item at {@code offset} follows. */
    public static String cursor(int offset) {
        if (offset >= 0 && offset < FIRST_CURSORS.length) {
            String known = FIRST_CURSORS[offset];
            if (known == null) {
                known = encode(offset);
                FIRST_CURSORS[offset] = known; // a benign race: every thread computes the same string
            }
            return known;
        }
        return encode(offset);
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }

    /** The offset an {@code after} cursor points to, or empty when the cursor is not one of ours. */
    public static Optional<Integer> offsetOf(String cursor) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!decoded.startsWith(PREFIX)) {
                return Optional.empty();
            }
            int offset = Integer.parseInt(decoded.substring(PREFIX.length()));
            return offset < 0 ? Optional.empty() : Optional.of(offset);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Pairs each item with its cursor, for a connection's {@code edges}. */
    public <E> List<E> edges(BiFunction<String, T, E> edge) {
        List<E> edges = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            edges.add(edge.apply(cursors.get(i), items.get(i)));
        }
        return edges;
    }
}
