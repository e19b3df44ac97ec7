package io.releasegraph.graphql;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.releasegraph.domain.Deployment;
import io.releasegraph.domain.DeploymentConnection;
import io.releasegraph.domain.DeploymentRelease;
import io.releasegraph.domain.DeploymentReleaseConnection;
import io.releasegraph.domain.ImportReleasePayload;
import io.releasegraph.domain.JobGroupConnection;
import io.releasegraph.domain.Page;
import io.releasegraph.domain.PageInfo;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.domain.RunDeploymentPayload;
import io.releasegraph.domain.RunParameter;
import io.releasegraph.error.ValidationException;
import io.releasegraph.graphql.upload.Upload;
import io.releasegraph.graphql.upload.UploadRegistry;
import io.releasegraph.provider.UploadedFile;
import io.releasegraph.security.Authorized;
import io.releasegraph.service.DeploymentService;
import io.releasegraph.service.RunService;
import io.smallrye.mutiny.Uni;

/** Trifacta deployments: queries, their fields, and the mutations that act on a deployment. */
@GraphQLApi
@Authorized
public class DeploymentResolver {

    static final String DEPLOYMENT = "Deployment";
    static final int MAX_PARAMETERS = 100;
    static final int MAX_PARAMETER_KEY = 256;
    static final int MAX_PARAMETER_VALUE = 10_000;
    private static final int MAX_IDEMPOTENCY_KEY = 200;

    private final DeploymentService deployments;
    private final RunService runs;
    private final UploadRegistry uploads;

    DeploymentResolver(DeploymentService deployments, RunService runs, UploadRegistry uploads) {
        this.deployments = deployments;
        this.runs = runs;
        this.uploads = uploads;
    }

    @Query
    @Description("Trifacta deployments, by name. Null, with an error naming Trifacta (`extensions.upstream`), when "
            + "Trifacta fails and no cached copy stands in; the query's other fields still answer.")
    public Uni<DeploymentConnection> deployments(
            @DefaultValue("25") @Description("How many deployments to return, at most 100.") Integer first,
            @Description("Return the deployments after this cursor.") String after) {
        return deployments.deployments().map(all -> DeploymentConnection.of(Pagination.page(all, first, after,
                Keyset.BY_NAME)));
    }

    @Query
    @Description("One Trifacta deployment; NOT_FOUND when it does not exist.")
    public Uni<Deployment> deployment(@NonNull @Id @Description("The deployment's ID.") String id) {
        return Uni.createFrom().deferred(() -> deployments.deployment(deploymentId(id, "id")));
    }

    @NonNull
    @Description("The deployment's releases, newest first.")
    public Uni<DeploymentReleaseConnection> releases(@Source Deployment deployment,
            @DefaultValue("25") @Description("How many releases to return, at most 100.") Integer first,
            @Description("Return the releases after this cursor.") String after) {
        // A Uni, not a plain value: blocking resolvers are serialised per event loop (quarkus#54361).
        return Uni.createFrom().item(() -> DeploymentReleaseConnection.of(
                Pagination.page(deployment.allReleases(), first, after, Keyset.newestFirst())));
    }

    @Description("The release a run executes; null when the deployment has none active.")
    public Uni<DeploymentRelease> activeRelease(@Source Deployment deployment) {
        return Uni.createFrom().item(deployment.activeRelease().orElse(null));
    }

    /**
     * Batched: one store read (a keyset page per deployment and one grouped count) for all deployments of a page,
     * then only the page's job groups, through the cache, concurrently (no N+1, no cost growing with history).
     */
    @Description("Runs started through this gateway, newest first.")
    public Uni<List<JobGroupConnection>> runs(@Source List<Deployment> deployments,
            @DefaultValue("10") @Description("How many runs to return, at most 100.") Integer first,
            @Description("Return the runs after this cursor.") String after) {
        return Uni.createFrom().deferred(() -> {
            int size = Pagination.size(first == null ? 10 : first);
            return runs.runsOf(deployments, size, after).map(pages -> pages.stream().map(page -> {
                List<String> cursors = page.cursors();
                PageInfo info = PageInfo.of(page.hasNextPage(), after != null, cursors);
                return JobGroupConnection.of(new Page<>(page.groups(), cursors, info,
                        (int) Math.min(Integer.MAX_VALUE, page.totalCount())));
            }).toList());
        });
    }

    @Mutation
    @NonNull
    @Description("Runs the deployment's active release with parameter overrides. CONFLICT when it has none. "
            + "Send an idempotency key so that a retry cannot start a second run: a repeat with the same key "
            + "within 24 hours answers the first run.")
    public Uni<RunDeploymentPayload> runDeployment(
            @NonNull @Id @Description("The deployment to run.") String deploymentId,
            @DefaultValue("[]") @Description("Flow parameter overrides for this run: at most 100, each key 1 to 256 characters and each value at most 10,000 characters.") List<@NonNull RunParameter> parameters,
            @Description("A unique key per intended run (e.g. a UUID), at most 200 characters.") String idempotencyKey) {
        return Uni.createFrom().deferred(() -> {
            List<RunParameter> overrides = parameters == null ? List.of() : parameters;
            validateRun(overrides, idempotencyKey);
            return runs.run(deploymentId(deploymentId, "deploymentId"), overrides, idempotencyKey);
        });
    }

    @Mutation
    @NonNull
    @Description("Imports a flow package (ZIP) into a deployment as a new release, which becomes the active one. "
            + "Send it with the GraphQL multipart request spec. With dryRun the package is only checked. Send an "
            + "idempotency key so that a retry cannot import twice: a repeat with the same key and the same package "
            + "within 24 hours answers the first import.")
    public Uni<ImportReleasePayload> importRelease(
            @NonNull @Id @Description("The deployment to import into.") String deploymentId,
            @NonNull @Name("package") @Description("The flow package ZIP, exported from the source system.") Upload flowPackage,
            @DefaultValue("false") @Description("Check the package without storing anything.") boolean dryRun,
            @Description("A unique key per intended import (e.g. a UUID), at most 200 characters; not needed for a dry run.") String idempotencyKey) {
        return Uni.createFrom().deferred(() -> {
            long deployment = deploymentId(deploymentId, "deploymentId");
            validateKey(idempotencyKey);
            UploadedFile file = uploads.resolve(flowPackage, "package");
            UploadRegistry.requireZip(file, "package");
            return deployments.importRelease(deployment, file, dryRun, idempotencyKey);
        });
    }

    static long deploymentId(String id, String argument) {
        return Ids.numeric(id, argument, ReleaseSource.TRIFACTA, DEPLOYMENT);
    }

    private static void validateRun(List<RunParameter> parameters, String idempotencyKey) {
        if (parameters.size() > MAX_PARAMETERS) {
            throw new ValidationException("parameters", "At most " + MAX_PARAMETERS + " parameter overrides.");
        }
        for (RunParameter parameter : parameters) {
            if (parameter.key().isBlank() || parameter.key().length() > MAX_PARAMETER_KEY) {
                throw new ValidationException("parameters",
                        "A parameter override's `key` must be 1 to " + MAX_PARAMETER_KEY + " characters.");
            }
            if (parameter.value().length() > MAX_PARAMETER_VALUE) {
                throw new ValidationException("parameters", "Parameter \"" + parameter.key() + "\" has a value of "
                        + parameter.value().length() + " characters; at most " + MAX_PARAMETER_VALUE + " are allowed.");
            }
        }
        if (parameters.stream().map(RunParameter::key).distinct().count() != parameters.size()) {
            throw new ValidationException("parameters", "Each parameter may be overridden once.");
        }
        validateKey(idempotencyKey);
    }

    private static void validateKey(String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            throw new ValidationException("idempotencyKey",
                    "`idempotencyKey` must be 1 to " + MAX_IDEMPOTENCY_KEY + " characters.");
        }
    }
}
