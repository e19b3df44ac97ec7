package io.releasegraph.graphql;

import java.util.Comparator;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.releasegraph.domain.Deployment;
import io.releasegraph.domain.Page;
import io.releasegraph.domain.Release;

/**
 * A list's order as a keyset: each item's {@link Page.Position} (sort key and ID), how positions compare, and which
 * sort keys this order can hold (a cursor of another list may not fit). The ID breaks ties, so the order is total
 * and a cursor names one place in it whatever was inserted or removed since.
 */
record Keyset<T>(Function<T, Page.Position> position, Comparator<Page.Position> order, Predicate<String> sortKeys) {

    private static final Pattern EPOCH_MILLIS_OR_NONE = Pattern.compile("|-?\\d{1,18}");

    /** Newest first by {@code createdAt} (milliseconds), releases without a date last; then by ID. */
    static <T extends Release> Keyset<T> newestFirst() {
        return new Keyset<>(release -> new Page.Position(release.createdAt() == null ? ""
                : Long.toString(release.createdAt().toInstant().toEpochMilli()), release.id()), NEWEST_FIRST,
                key -> EPOCH_MILLIS_OR_NONE.matcher(key).matches());
    }

    /** Deployments by name, ignoring case; then by ID. */
    static final Keyset<Deployment> BY_NAME = new Keyset<>(deployment -> new Page.Position(deployment.name(),
            deployment.id()), Comparator.comparing(Page.Position::sortKey, String.CASE_INSENSITIVE_ORDER)
                    .thenComparing(Page.Position::id), name -> true);

    private static final Comparator<Page.Position> NEWEST_FIRST = Comparator
            .comparing((Page.Position p) -> p.sortKey().isEmpty() ? null : Long.valueOf(p.sortKey()),
                    Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Page.Position::id);
}
