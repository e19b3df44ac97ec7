package io.releasegraph.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.releasegraph.domain.Node;
import io.releasegraph.security.Authorized;
import io.releasegraph.service.ReleaseService;
import io.smallrye.mutiny.Uni;

/** {@code node(id:)}: any object by its global ID, as Relay and Apollo refetching expect. */
@GraphQLApi
@Authorized
public class NodeResolver {

    private final ReleaseService releases;

    NodeResolver(ReleaseService releases) {
        this.releases = releases;
    }

    @Query
    @Description("Any object by its ID; NOT_FOUND when it does not exist, VALIDATION when the ID is malformed.")
    public Uni<Node> node(@NonNull @Id @Description("An `id` the gateway returned.") String id) {
        return Uni.createFrom().deferred(() -> releases.node(Ids.known(releases, id, "id")));
    }
}
