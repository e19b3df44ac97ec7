package io.releasegraph.graphql;

import java.util.List;

import io.releasegraph.domain.Page;
import io.releasegraph.error.ValidationException;

/** Checks {@code first} and {@code after} the same way for every connection. */
final class Pagination {

    private Pagination() {
    }

    static <T> Page<T> page(List<T> all, Integer first, String after) {
        int size = first == null ? Page.DEFAULT_SIZE : first;
        if (size < 0 || size > Page.MAX_SIZE) {
            throw new ValidationException("first", "`first` must be between 0 and " + Page.MAX_SIZE + ".");
        }
        int offset = after == null ? 0 : Page.offsetOf(after).orElseThrow(() -> new ValidationException("after",
                "`after` is not a cursor from this list; pass a `cursor` or `pageInfo.endCursor` you received."));
        return Page.of(all, size, offset);
    }
}
