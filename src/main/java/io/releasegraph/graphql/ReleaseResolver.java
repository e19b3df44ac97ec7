package io.releasegraph.graphql;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.releasegraph.domain.Deployment;
import io.releasegraph.domain.DeploymentRelease;
import io.releasegraph.domain.Release;
import io.releasegraph.domain.ReleaseActivationPayload;
import io.releasegraph.domain.ReleaseConnection;
import io.releasegraph.domain.ReleaseFilter;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.security.Authorized;
import io.releasegraph.service.DeploymentService;
import io.releasegraph.service.ReleaseService;
import io.smallrye.mutiny.Uni;

/** Releases of every source, and the Trifacta release mutations. */
@GraphQLApi
@Authorized
public class ReleaseResolver {

    static final String DEPLOYMENT_RELEASE = "DeploymentRelease";

    private final ReleaseService releases;
    private final DeploymentService deployments;

    ReleaseResolver(ReleaseService releases, DeploymentService deployments) {
        this.releases = releases;
        this.deployments = deployments;
    }

    @Query
    @Description("Releases from every source in one list, newest first. When a source fails, the other sources' "
            + "releases are still returned, with an error naming the failed source (`extensions.upstream`); null, "
            + "with the error, when every source asked failed. The query's other fields still answer.")
    public Uni<ReleaseConnection> releases(
            @Description("Which releases to include; all when absent.") ReleaseFilter filter,
            @DefaultValue("25") @Description("How many releases to return, at most 100.") Integer first,
            @Description("Return the releases after this cursor.") String after) {
        return releases.releases(filter == null ? ReleaseFilter.ALL : filter).chain(outcome -> PartialResults.of(outcome,
                all -> ReleaseConnection.of(Pagination.page(all, first, after, Keyset.newestFirst()))));
    }

    @Query
    @Description("One release of any source; NOT_FOUND when it does not exist.")
    public Uni<Release> release(@NonNull @Id @Description("The release's ID.") String id) {
        return Uni.createFrom().deferred(() -> releases.release(Ids.known(releases, id, "id")));
    }

    /** Batched: a page of releases shares one read per distinct deployment (no N+1). */
    @Description("The deployment the release belongs to.")
    public Uni<List<Deployment>> deployment(@Source List<DeploymentRelease> of) {
        return deployments.deploymentsByIds(of.stream().map(DeploymentRelease::deploymentExternalId).toList());
    }

    @Mutation
    @NonNull
    @Description("Makes the release its deployment's active one; the release active before is deactivated.")
    public Uni<ReleaseActivationPayload> activateRelease(
            @NonNull @Id @Description("The Trifacta release to activate.") String releaseId) {
        return Uni.createFrom().deferred(() -> deployments.activate(releaseId(releaseId)));
    }

    @Mutation
    @NonNull
    @Description("Deactivates the release; its deployment then has no active release and runs nothing.")
    public Uni<ReleaseActivationPayload> deactivateRelease(
            @NonNull @Id @Description("The Trifacta release to deactivate.") String releaseId) {
        return Uni.createFrom().deferred(() -> deployments.deactivate(releaseId(releaseId)));
    }

    private static long releaseId(String id) {
        return Ids.numeric(id, "releaseId", ReleaseSource.TRIFACTA, DEPLOYMENT_RELEASE);
    }
}
