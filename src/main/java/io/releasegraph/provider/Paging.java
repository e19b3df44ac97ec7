package io.releasegraph.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import io.smallrye.mutiny.Uni;

/** Walks an upstream's pages one after another until the upstream signals the end. */
public final class Paging {

    /** A runaway guard: no upstream list in this product is anywhere near this many pages. */
    static final int MAX_PAGES = 1000;

    private Paging() {
    }

    /**
     * @param fetchPage fetches page {@code n} (0-based); the provider turns it into an offset or page number
     * @param isLastPage true when the page just fetched is the last one (Trifacta: shorter than the limit;
     *        Cryptlex: empty)
     */
    public static <T> Uni<List<T>> collect(IntFunction<Uni<List<T>>> fetchPage, Predicate<List<T>> isLastPage) {
        return collect(fetchPage, isLastPage, 0, new ArrayList<>());
    }

    /** One page of a list whose upstream says how long the whole list is. */
    public record Counted<T>(List<T> items, int totalCount) {
    }

    /**
     * For upstreams that report the list's length with every page (LaunchDarkly: {@code totalCount}): stops once
     * that many items arrived, or at an empty page, so a list that shrinks while we walk it cannot loop.
     *
     * @param fetchPage fetches page {@code n} (0-based)
     */
    public static <T> Uni<List<T>> collectToTotal(IntFunction<Uni<Counted<T>>> fetchPage) {
        return collectToTotal(fetchPage, 0, new ArrayList<>());
    }

    private static <T> Uni<List<T>> collectToTotal(IntFunction<Uni<Counted<T>>> fetchPage, int page, List<T> acc) {
        return fetchPage.apply(page).chain(counted -> {
            List<T> items = counted.items() == null ? List.of() : counted.items();
            acc.addAll(items);
            if (items.isEmpty() || acc.size() >= counted.totalCount() || page + 1 >= MAX_PAGES) {
                return Uni.createFrom().item(acc);
            }
            return collectToTotal(fetchPage, page + 1, acc);
        });
    }

    private static <T> Uni<List<T>> collect(IntFunction<Uni<List<T>>> fetchPage, Predicate<List<T>> isLastPage,
            int page, List<T> acc) {
        return fetchPage.apply(page).chain(items -> {
            acc.addAll(items);
            if (isLastPage.test(items) || page + 1 >= MAX_PAGES) {
                return Uni.createFrom().item(acc);
            }
            return collect(fetchPage, isLastPage, page + 1, acc);
        });
    }
}
