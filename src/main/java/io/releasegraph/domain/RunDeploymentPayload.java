package io.releasegraph.domain;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("The run `runDeployment` started, or the one it had started before for the same idempotency key.")
public record RunDeploymentPayload(
        @NonNull @Description("The run (job group); follow it with `jobGroup(id:)`. Its `jobs` are the jobs the run created.") JobGroup jobGroup,
        @Description("Trifacta's identifier of the run's session, as the run answered it; null when Trifacta did not say.") String sessionId,
        @Description("True when this answers a repeat of an earlier request with the same idempotency key: no new run was started.") boolean replayed) {
}
