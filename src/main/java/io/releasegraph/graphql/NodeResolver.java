package io.releasegraph.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.releasegraph.domain.GlobalId;
import io.releasegraph.domain.Node;
import io.releasegraph.domain.ProjectScopedKey;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.error.ValidationException;
import io.releasegraph.security.Authorized;
import io.releasegraph.service.DeploymentService;
import io.releasegraph.service.FlagReleaseService;
import io.releasegraph.service.ProductReleaseService;
import io.releasegraph.service.ReleaseService;
import io.releasegraph.service.RunService;
import io.smallrye.mutiny.Uni;

/** {@code node(id:)}: any object by its global ID, as Relay and Apollo refetching expect. */
@GraphQLApi
@Authorized
public class NodeResolver {

    private final DeploymentService deployments;
    private final RunService runs;
    private final ReleaseService releases;
    private final FlagReleaseService flagReleases;
    private final ProductReleaseService productReleases;

    NodeResolver(DeploymentService deployments, RunService runs, ReleaseService releases,
            FlagReleaseService flagReleases, ProductReleaseService productReleases) {
        this.deployments = deployments;
        this.runs = runs;
        this.releases = releases;
        this.flagReleases = flagReleases;
        this.productReleases = productReleases;
    }

    @Query
    @Description("Any object by its ID; NOT_FOUND when it does not exist, VALIDATION when the ID is malformed.")
    public Uni<Node> node(@NonNull @Id @Description("An `id` the gateway returned.") String id) {
        return Uni.createFrom().deferred(() -> {
            GlobalId parsed = Ids.parse(id, "id");
            if (parsed.source() == ReleaseSource.TRIFACTA && DeploymentResolver.DEPLOYMENT.equals(parsed.type())) {
                return deployments.deployment(DeploymentResolver.deploymentId(id, "id")).map(Node.class::cast);
            }
            if (parsed.source() == ReleaseSource.TRIFACTA && JobGroupResolver.JOB_GROUP.equals(parsed.type())) {
                return runs.jobGroup(Ids.numeric(id, "id", ReleaseSource.TRIFACTA, JobGroupResolver.JOB_GROUP))
                        .map(Node.class::cast);
            }
            if (parsed.source() == ReleaseSource.LAUNCHDARKLY
                    && ReleasePipelineResolver.RELEASE_PIPELINE.equals(parsed.type())) {
                ProjectScopedKey key = ProjectScopedKey.parse(parsed.externalId()).orElseThrow(() -> new ValidationException(
                        "id", "`id` is not a valid ID; use an `id` the gateway returned."));
                return flagReleases.pipeline(key).map(Node.class::cast);
            }
            if (parsed.source() == ReleaseSource.CRYPTLEX && ProductReleaseResolver.RELEASE_FILE.equals(parsed.type())) {
                return productReleases.file(parsed.externalId()).map(Node.class::cast);
            }
            return releases.release(parsed).map(Node.class::cast);
        });
    }
}
