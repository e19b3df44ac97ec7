package io.releasegraph.domain;

import org.eclipse.microprofile.graphql.Description;

@Description("Where a page sits in its list (Relay cursor connections).")
public record PageInfo(
        @Description("True when more items follow this page.") boolean hasNextPage,
        @Description("True when items come before this page.") boolean hasPreviousPage,
        @Description("The cursor of the page's first item.") String startCursor,
        @Description("The cursor of the page's last item; pass it as `after` for the next page.") String endCursor) {
}
