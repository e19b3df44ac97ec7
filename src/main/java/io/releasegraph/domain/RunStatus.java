package io.releasegraph.domain;

import org.eclipse.microprofile.graphql.Description;

@Description("Where a run (a Trifacta job group) or one of its jobs stands.")
public enum RunStatus {
    @Description("Accepted, not started yet.")
    PENDING,
    @Description("Running.")
    IN_PROGRESS,
    @Description("Finished successfully.")
    COMPLETE,
    @Description("Finished with an error.")
    FAILED,
    @Description("Stopped before it finished.")
    CANCELED,
    @Description("The upstream reported a status the gateway does not know.")
    UNKNOWN;

    public boolean finished() {
        return this == COMPLETE || this == FAILED || this == CANCELED;
    }
}
