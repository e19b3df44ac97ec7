package io.releasegraph.domain;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("One job of a run, e.g. the wrangle step or the file writer.")
public record Job(
        @Id @NonNull @Description("The job's Trifacta ID.") String id,
        @NonNull @Description("Where the job stands.") RunStatus status,
        @Description("The kind of job, as Trifacta names it (wrangle, filewriter, ...).") String jobType,
        @Description("Progress from 0 to 100, when Trifacta reports it.") Integer percentComplete,
        @Description("Why the job failed, when it did.") String errorMessage,
        @Description("When the job was created.") OffsetDateTime createdAt,
        @Description("When the job last changed.") OffsetDateTime updatedAt) {
}
