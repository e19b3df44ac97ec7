package io.releasegraph.domain;

import org.eclipse.microprofile.graphql.Description;

@Description("Where a page sits in its list (Relay cursor connections).")
public record PageInfo(
        @Description("True when more items follow this page.") boolean hasNextPage,
        @Description("True when items come before this page.") boolean hasPreviousPage,
        @Description("The cursor of the page's first item.") String startCursor,
        @Description("The cursor of the page's last item; pass it as `after` for the next page.") String endCursor) {

    /** The page info of a page whose items have these cursors, in order. */
    public static PageInfo of(boolean hasNextPage, boolean hasPreviousPage, java.util.List<String> cursors) {
        return new PageInfo(hasNextPage, hasPreviousPage, cursors.isEmpty() ? null : cursors.get(0),
                cursors.isEmpty() ? null : cursors.get(cursors.size() - 1));
    }
}
