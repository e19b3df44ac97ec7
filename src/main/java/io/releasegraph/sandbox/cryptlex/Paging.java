package io.releasegraph.sandbox.cryptlex;

import java.util.List;

import jakarta.ws.rs.core.MultivaluedMap;

/** Cryptlex paging: {@code page} is 1-based, {@code limit} 1–100; a page past the end is empty. */
record Paging(int page, int limit) {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    static Paging from(MultivaluedMap<String, String> query) {
        int page = QueryParams.integer(query, "page", 1, 1, Integer.MAX_VALUE);
        int limit = QueryParams.integer(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        return new Paging(page, limit);
    }

    <T> List<T> apply(List<T> items) {
        long from = (long) (page - 1) * limit;
        if (from >= items.size()) {
            return List.of();
        }
        return List.copyOf(items.subList((int) from, (int) Math.min(items.size(), from + limit)));
    }
}
