package io.releasegraph.domain;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A page of ReleasePipeline objects (Relay cursor connection).")
public record ReleasePipelineConnection(
        @NonNull @Description("The page's items with their cursors.") List<@NonNull ReleasePipelineEdge> edges,
        @NonNull @Description("The page's items, without cursors.") List<@NonNull ReleasePipeline> nodes,
        @NonNull @Description("Where this page sits in the list.") PageInfo pageInfo,
        @Description("How many items the whole list holds.") int totalCount) {

    public static ReleasePipelineConnection of(Page<ReleasePipeline> page) {
        return new ReleasePipelineConnection(page.edges(ReleasePipelineEdge::new), page.items(), page.pageInfo(), page.totalCount());
    }

    @Description("A ReleasePipeline with its cursor.")
    public record ReleasePipelineEdge(
            @NonNull @Description("Pass it as `after` to get the items that follow.") String cursor,
            @NonNull @Description("The item.") ReleasePipeline node) {
    }
}
