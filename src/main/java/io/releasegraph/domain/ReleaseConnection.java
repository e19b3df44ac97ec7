package io.releasegraph.domain;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A page of Release objects (Relay cursor connection).")
public record ReleaseConnection(
        @NonNull @Description("The page's items with their cursors.") List<@NonNull ReleaseEdge> edges,
        @NonNull @Description("The page's items, without cursors.") List<@NonNull Release> nodes,
        @NonNull @Description("Where this page sits in the list.") PageInfo pageInfo,
        @Description("How many items the whole list holds.") int totalCount) {

    public static ReleaseConnection of(Page<Release> page) {
        return new ReleaseConnection(page.edges(ReleaseEdge::new), page.items(), page.pageInfo(), page.totalCount());
    }

    @Description("A Release with its cursor.")
    public record ReleaseEdge(
            @NonNull @Description("Pass it as `after` to get the items that follow.") String cursor,
            @NonNull @Description("The item.") Release node) {
    }
}
