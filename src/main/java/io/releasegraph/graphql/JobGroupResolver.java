package io.releasegraph.graphql;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.releasegraph.domain.Deployment;
import io.releasegraph.domain.JobGroup;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.security.Authorized;
import io.releasegraph.service.DeploymentService;
import io.releasegraph.service.RunService;
import io.smallrye.mutiny.Uni;

/** Runs (Trifacta job groups). */
@GraphQLApi
@Authorized
public class JobGroupResolver {

    static final String JOB_GROUP = "JobGroup";

    private final RunService runs;
    private final DeploymentService deployments;

    JobGroupResolver(RunService runs, DeploymentService deployments) {
        this.runs = runs;
        this.deployments = deployments;
    }

    @Query
    @Description("One run; poll it to follow the run until its status is COMPLETE or FAILED.")
    public Uni<JobGroup> jobGroup(@NonNull @Id @Description("The run's (job group's) ID.") String id) {
        return Uni.createFrom().deferred(
                () -> runs.jobGroup(Ids.numeric(id, "id", ReleaseSource.TRIFACTA, JOB_GROUP)));
    }

    /** Batched: one read per distinct deployment for a list of runs. */
    @Description("The deployment that was run, when the gateway knows it.")
    public Uni<List<Deployment>> deployment(@Source List<JobGroup> of) {
        List<Long> ids = of.stream().map(JobGroup::deploymentExternalId).toList(); // null: not known, not looked up
        return deployments.deploymentsByIds(ids);
    }
}
