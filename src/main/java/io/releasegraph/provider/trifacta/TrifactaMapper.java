package io.releasegraph.provider.trifacta;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import io.releasegraph.domain.CacheInfo;
import io.releasegraph.domain.Deployment;
import io.releasegraph.domain.DeploymentRelease;
import io.releasegraph.domain.GlobalId;
import io.releasegraph.domain.ImportRuleChanges;
import io.releasegraph.domain.Job;
import io.releasegraph.domain.JobGroup;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.domain.ReleaseStatus;
import io.releasegraph.domain.RunStatus;
import io.releasegraph.provider.trifacta.dto.TrifactaDeployment;
import io.releasegraph.provider.trifacta.dto.TrifactaJob;
import io.releasegraph.provider.trifacta.dto.TrifactaJobGroup;
import io.releasegraph.provider.trifacta.dto.TrifactaRef;
import io.releasegraph.provider.trifacta.dto.TrifactaRelease;

/** Trifacta wire records to schema records. */
final class TrifactaMapper {

    static final String DEPLOYMENT = "Deployment";
    static final String RELEASE = "DeploymentRelease";
    static final String JOB_GROUP = "JobGroup";

    /** Newest first, the order every list in the schema uses. */
    static final Comparator<DeploymentRelease> NEWEST_FIRST = Comparator
            .comparing(DeploymentRelease::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(DeploymentRelease::externalId, Comparator.reverseOrder());

    private TrifactaMapper() {
    }

    static String deploymentId(long externalId) {
        return GlobalId.encode(ReleaseSource.TRIFACTA, DEPLOYMENT, externalId);
    }

    static DeploymentRelease release(TrifactaRelease release, long deploymentId) {
        boolean active = Boolean.TRUE.equals(release.active());
        String name = release.notes() == null || release.notes().isBlank() ? "Release " + release.id() : release.notes();
        return new DeploymentRelease(GlobalId.encode(ReleaseSource.TRIFACTA, RELEASE, release.id()), release.id(),
                deploymentId, ReleaseSource.TRIFACTA, name, active ? ReleaseStatus.ACTIVE : ReleaseStatus.INACTIVE,
                release.createdAt(), release.updatedAt(), release.notes(), release.packageUuid(), active,
                userId(release.creator(), release.createdBy()), userId(release.updater(), release.updatedBy()),
                CacheInfo.now());
    }

    /** The ref when Trifacta sends one, else the bare number; null when it sends neither. */
    private static Long userId(TrifactaRef ref, Long id) {
        return ref != null && ref.id() != null ? ref.id() : id;
    }

    /**
     * Trifacta's {@code importRuleChanges} with each change as its JSON text (seed 001 shows only empty lists, not a
     * change's shape); null when it sent none or not an object.
     */
    static ImportRuleChanges ruleChanges(JsonNode changes) {
        if (changes == null || !changes.isObject()) {
            return null;
        }
        return new ImportRuleChanges(jsonTexts(changes.get("object")), jsonTexts(changes.get("value")));
    }

    private static List<String> jsonTexts(JsonNode list) {
        List<String> texts = new java.util.ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(change -> texts.add(change.toString()));
        }
        return List.copyOf(texts);
    }

    /** The node as compact JSON text; null when absent or JSON null. */
    static String jsonText(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.toString();
    }

    static DeploymentRelease release(TrifactaRelease release) {
        long deploymentId = release.deployment() == null || release.deployment().id() == null ? 0
                : release.deployment().id();
        return release(release, deploymentId);
    }

    static Deployment deployment(TrifactaDeployment deployment, List<TrifactaRelease> releases) {
        List<DeploymentRelease> mapped = releases.stream()
                .map(release -> release(release, deployment.id()))
                .sorted(NEWEST_FIRST)
                .toList();
        int count = deployment.numReleases() == null ? mapped.size() : deployment.numReleases();
        return new Deployment(deploymentId(deployment.id()), deployment.id(), deployment.name(), deployment.createdAt(),
                deployment.updatedAt(), count, mapped, CacheInfo.now());
    }

    static JobGroup jobGroup(TrifactaJobGroup group) {
        List<Job> jobs = group.jobs() == null ? List.of() : group.jobs().items().stream().map(TrifactaMapper::job).toList();
        Long deploymentId = group.deployment() == null ? null : group.deployment().id();
        return new JobGroup(GlobalId.encode(ReleaseSource.TRIFACTA, JOB_GROUP, group.id()), group.id(), deploymentId,
                runStatus(group.status()), group.createdAt(), group.updatedAt(), jobs, CacheInfo.now());
    }

    static Job job(TrifactaJob job) {
        return new Job(String.valueOf(job.id()), runStatus(job.status()), job.jobType(), job.percentComplete(),
                job.errorMessage(), job.createdAt(), job.updatedAt());
    }

    static RunStatus runStatus(String status) {
        if (status == null) {
            return RunStatus.UNKNOWN;
        }
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "created", "pending", "queued" -> RunStatus.PENDING;
            case "inprogress", "in_progress", "running" -> RunStatus.IN_PROGRESS;
            case "complete", "completed", "success" -> RunStatus.COMPLETE;
            case "failed", "failure" -> RunStatus.FAILED;
            case "canceled", "cancelled" -> RunStatus.CANCELED;
            default -> RunStatus.UNKNOWN;
        };
    }

}
