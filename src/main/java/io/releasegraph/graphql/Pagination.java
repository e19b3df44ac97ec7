package io.releasegraph.graphql;

import java.util.List;

import io.releasegraph.domain.Page;
import io.releasegraph.error.ValidationException;

/** Checks {@code first} and {@code after} the same way for every connection. */
final class Pagination {

    private Pagination() {
    }

    static <T> Page<T> page(List<T> all, Integer first, String after) {
        int size = size(first);
        int offset = after == null ? 0 : Page.offsetOf(after).orElseThrow(Pagination::notOurs);
        return Page.of(all, size, offset);
    }

    /**
     * A page of a list held whole in memory, in the keyset's order, with keyset cursors: inserting or removing an item
     * between two pages neither repeats nor skips one. An offset cursor from before keyset cursors still works once.
     */
    static <T> Page<T> page(List<T> all, Integer first, String after, Keyset<T> keyset) {
        int size = size(first);
        List<T> sorted = all.stream().sorted(java.util.Comparator.comparing(keyset.position(), keyset.order())).toList();
        if (after != null && Page.positionOf(after).isEmpty() && Page.offsetOf(after).isPresent()) {
            return Page.of(sorted, size, Page.offsetOf(after).get());
        }
        Page.Position from = after == null ? null : Page.positionOf(after)
                .filter(position -> keyset.sortKeys().test(position.sortKey())).orElseThrow(Pagination::notOurs);
        List<Page.Position> positions = sorted.stream().map(keyset.position()).toList();
        return Page.of(sorted, positions, keyset.order(), size, from);
    }

    /** {@code first}, checked; the list's default when absent. */
    static int size(Integer first) {
        int size = first == null ? Page.DEFAULT_SIZE : first;
        if (size < 0 || size > Page.MAX_SIZE) {
            throw new ValidationException("first", "`first` must be between 0 and " + Page.MAX_SIZE + ".");
        }
        return size;
    }

    private static ValidationException notOurs() {
        return new ValidationException("after",
                "`after` is not a cursor from this list; pass a `cursor` or `pageInfo.endCursor` you received.");
    }
}
