package io.releasegraph.domain;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A page of Deployment objects (Relay cursor connection).")
public record DeploymentConnection(
        @NonNull @Description("The page's items with their cursors.") List<@NonNull DeploymentEdge> edges,
        @NonNull @Description("The page's items, without cursors.") List<@NonNull Deployment> nodes,
        @NonNull @Description("Where this page sits in the list.") PageInfo pageInfo,
        @Description("How many items the whole list holds.") int totalCount) {

    public static DeploymentConnection of(Page<Deployment> page) {
        return new DeploymentConnection(page.edges(DeploymentEdge::new), page.items(), page.pageInfo(), page.totalCount());
    }

    @Description("A Deployment with its cursor.")
    public record DeploymentEdge(
            @NonNull @Description("Pass it as `after` to get the items that follow.") String cursor,
            @NonNull @Description("The item.") Deployment node) {
    }
}
