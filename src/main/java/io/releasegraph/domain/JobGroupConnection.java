package io.releasegraph.domain;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A page of JobGroup objects (Relay cursor connection).")
public record JobGroupConnection(
        @NonNull @Description("The page's items with their cursors.") List<@NonNull JobGroupEdge> edges,
        @NonNull @Description("The page's items, without cursors.") List<@NonNull JobGroup> nodes,
        @NonNull @Description("Where this page sits in the list.") PageInfo pageInfo,
        @Description("How many items the whole list holds.") int totalCount) {

    public static JobGroupConnection of(Page<JobGroup> page) {
        return new JobGroupConnection(page.edges(JobGroupEdge::new), page.items(), page.pageInfo(), page.totalCount());
    }

    @Description("A JobGroup with its cursor.")
    public record JobGroupEdge(
            @NonNull @Description("Pass it as `after` to get the items that follow.") String cursor,
            @NonNull @Description("The item.") JobGroup node) {
    }
}
