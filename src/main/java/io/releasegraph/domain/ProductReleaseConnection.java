package io.releasegraph.domain;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A page of ProductRelease objects (Relay cursor connection).")
public record ProductReleaseConnection(
        @NonNull @Description("The page's items with their cursors.") List<@NonNull ProductReleaseEdge> edges,
        @NonNull @Description("The page's items, without cursors.") List<@NonNull ProductRelease> nodes,
        @NonNull @Description("Where this page sits in the list.") PageInfo pageInfo,
        @Description("How many items the whole list holds.") int totalCount) {

    public static ProductReleaseConnection of(Page<ProductRelease> page) {
        return new ProductReleaseConnection(page.edges(ProductReleaseEdge::new), page.items(), page.pageInfo(), page.totalCount());
    }

    @Description("A ProductRelease with its cursor.")
    public record ProductReleaseEdge(
            @NonNull @Description("Pass it as `after` to get the items that follow.") String cursor,
            @NonNull @Description("The item.") ProductRelease node) {
    }
}
