package io.releasegraph.sandbox.trifacta;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The sandbox's wire types, shaped like the Deployment Manager v4 API (upstreams.md A.3).
 * <p>
 * Every record pins {@code Include.ALWAYS}: the API sends {@code "active": null} and
 * {@code "latestRelease": null}, and a global {@code non_null} Jackson setting must not drop them.
 * Only optional embeds ({@code releases}, {@code jobs}, the import's {@code release}) are left out when absent.
 */
public final class TrifactaJson {

    private TrifactaJson() {
    }

    /** A reference to another object, always {@code {"id": n}}. */
    @JsonInclude(Include.ALWAYS)
    public record Ref(int id) {
    }

    /** The v4 list envelope {@code {"data": [...]}}, also used for to-many embeds. */
    @JsonInclude(Include.ALWAYS)
    public record DataList<T>(List<T> data) {
    }

    /** {@code active} is {@code true} or {@code null}, never {@code false}. */
    @JsonInclude(Include.ALWAYS)
    public record Release(int id, String notes, String packageUuid, Boolean active, String createdAt,
            String updatedAt, Ref deployment, Ref creator, Ref updater) {
    }

    @JsonInclude(Include.ALWAYS)
    public record Deployment(int id, String name, String createdAt, String updatedAt, int numReleases,
            Release latestRelease, Ref creator, Ref updater,
            @JsonInclude(Include.NON_NULL) DataList<Release> releases) {
    }

    /** The minimal PATCH reply. */
    @JsonInclude(Include.ALWAYS)
    public record PatchResult(int id, Ref updater, String updatedAt) {
    }

    /** A flow as the import result lists it: flat audit ids and snake-case {@code deleted_at}, as in seed 001. */
    @JsonInclude(Include.ALWAYS)
    public record Flow(int id, String name, String description, @JsonProperty("deleted_at") String deletedAt,
            String cpProject, int workspaceId, String createdAt, String updatedAt, int createdBy, int updatedBy,
            Integer folderId) {
    }

    @JsonInclude(Include.ALWAYS)
    public record ImportRuleChanges(List<Object> object, List<Object> value) {
    }

    /** Reply of an import (201) or a dry run (200, without {@code release}). */
    @JsonInclude(Include.ALWAYS)
    public record ImportResult(ImportRuleChanges importRuleChanges, Map<String, Object> deletedObjects,
            List<Integer> primaryFlowIds, List<Flow> flows, List<Object> datasources, List<Object> flownodes,
            List<Object> outputobjects, @JsonInclude(Include.NON_NULL) Release release) {
    }

    /** One entry of the run reply's {@code data}. */
    @JsonInclude(Include.ALWAYS)
    public record JobStarted(String reason, String sessionId, int id) {
    }

    /** A run parameter override, {@code {"key": …, "value": …}}. */
    @JsonInclude(Include.ALWAYS)
    public record RunOverride(String key, String value) {
    }

    /** The overrides a job group was started with, in the shape of the run request. */
    @JsonInclude(Include.ALWAYS)
    public record RunParameters(DataList<RunOverride> overrides) {
    }

    @JsonInclude(Include.ALWAYS)
    public record Job(int id, String status, String jobType, int percentComplete, String createdAt, String updatedAt,
            Ref creator, Ref jobGroup, String errorMessage) {
    }

    /** {@code runParameters} is a sandbox addition, so clients and tests can see the overrides a run got. */
    @JsonInclude(Include.ALWAYS)
    public record JobGroup(int id, String name, String description, String ranfrom, String ranfor, String status,
            boolean profilingEnabled, String createdAt, String updatedAt, Ref creator, Ref updater, Ref deployment,
            Ref release, RunParameters runParameters, @JsonInclude(Include.NON_NULL) DataList<Job> jobs) {
    }

    /** Every error body: {@code {"exception": {"name", "message", "details"}}}. */
    @JsonInclude(Include.ALWAYS)
    public record ErrorBody(ExceptionInfo exception) {
    }

    @JsonInclude(Include.ALWAYS)
    public record ExceptionInfo(String name, String message, String details) {
    }
}
