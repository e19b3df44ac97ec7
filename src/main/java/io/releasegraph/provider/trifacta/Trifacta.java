package io.releasegraph.provider.trifacta;

import java.util.List;
import java.util.Optional;

import io.releasegraph.cache.Fetched;
import io.releasegraph.cache.Validators;
import io.releasegraph.domain.Deployment;
import io.releasegraph.domain.DeploymentRelease;
import io.releasegraph.domain.JobGroup;
import io.releasegraph.domain.RunParameter;
import io.releasegraph.provider.ReleaseProvider;
import io.releasegraph.provider.UploadedFile;
import io.smallrye.mutiny.Uni;

/**
 * What the gateway asks of Trifacta Deployment Manager. Every call goes to Trifacta; the services keep what they read
 * in the cache. A 404 is an empty {@link Optional}, never an error.
 */
public interface Trifacta extends ReleaseProvider {

    /**
     * What an import did: the new release (none on a dry run), the package's flow names, what import rules changed
     * and which objects it deleted (as Trifacta's JSON text; null when it sent none).
     */
    record ImportOutcome(Optional<DeploymentRelease> release, List<String> flowNames,
            io.releasegraph.domain.ImportRuleChanges ruleChanges, String deletedObjects) {
    }

    /** What a run answered: the new job group, Trifacta's session of the run and the jobs it created. */
    record RunStarted(long jobGroupId, String sessionId, List<Long> jobIds) {
    }

    /** Every deployment with all its releases. */
    Uni<List<Deployment>> listDeployments();

    Uni<Optional<Deployment>> findDeployment(long id);

    /** A release, conditionally on the validators of the cached copy. */
    Uni<Fetched<Optional<DeploymentRelease>>> findDeploymentRelease(long id, Validators cached);

    /** A job group with its jobs, conditionally on the validators of the cached copy. */
    Uni<Fetched<Optional<JobGroup>>> findJobGroup(long id, Validators cached);

    /** The newest job groups of every deployment, one page, newest first. */
    Uni<List<JobGroup>> recentJobGroups(int limit);

    /** Activates or deactivates a release; Trifacta keeps at most one active per deployment. */
    Uni<Void> setActive(long releaseId, boolean active);

    /** Imports a flow package into a deployment; a real import makes the new release the active one. */
    Uni<ImportOutcome> importRelease(long deploymentId, UploadedFile file, boolean dryRun);

    /** Runs the deployment's active release and answers the new job group's ID. */
    Uni<Long> run(long deploymentId, List<RunParameter> parameters);

    /** As {@link #run}, with the rest of the run's answer (seed 002). */
    default Uni<RunStarted> start(long deploymentId, List<RunParameter> parameters) {
        return run(deploymentId, parameters).map(id -> new RunStarted(id, null, null));
    }
}
