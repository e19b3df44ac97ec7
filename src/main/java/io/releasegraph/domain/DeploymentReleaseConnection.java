package io.releasegraph.domain;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A page of DeploymentRelease objects (Relay cursor connection).")
public record DeploymentReleaseConnection(
        @NonNull @Description("The page's items with their cursors.") List<@NonNull DeploymentReleaseEdge> edges,
        @NonNull @Description("The page's items, without cursors.") List<@NonNull DeploymentRelease> nodes,
        @NonNull @Description("Where this page sits in the list.") PageInfo pageInfo,
        @Description("How many items the whole list holds.") int totalCount) {

    public static DeploymentReleaseConnection of(Page<DeploymentRelease> page) {
        return new DeploymentReleaseConnection(page.edges(DeploymentReleaseEdge::new), page.items(), page.pageInfo(), page.totalCount());
    }

    @Description("A DeploymentRelease with its cursor.")
    public record DeploymentReleaseEdge(
            @NonNull @Description("Pass it as `after` to get the items that follow.") String cursor,
            @NonNull @Description("The item.") DeploymentRelease node) {
    }
}
