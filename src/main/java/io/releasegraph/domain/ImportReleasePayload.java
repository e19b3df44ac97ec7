package io.releasegraph.domain;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("What `importRelease` did with the package, or had done before for the same idempotency key.")
public record ImportReleasePayload(
        @Description("True for a dry run: the package was checked and nothing was stored.") boolean dryRun,
        @Description("The new release, now the deployment's active one; null on a dry run.") DeploymentRelease release,
        @Description("The release that stopped being active because of the import, if one did.") DeploymentRelease deactivatedRelease,
        @NonNull @Description("The names of the flows the package holds.") List<@NonNull String> flowNames,
        @Description("What Trifacta's import rules changed in the package (a dry run says so too); null when Trifacta said nothing of it, or for an import found again (same idempotency key) after its answer was lost.") ImportRuleChanges importRuleChanges,
        @Description("The objects the import deleted: the JSON object Trifacta sent (its `deletedObjects`), as text; its documents show only `{}`. Null when Trifacta sent none, or for an import found again after its answer was lost.") String deletedObjects,
        @Description("The deployment, read again after the import.") Deployment deployment,
        @Description("True when this answers a repeat of an earlier request with the same idempotency key: nothing was imported again.") boolean replayed) {
}
