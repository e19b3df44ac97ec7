package io.releasegraph.domain;

import org.eclipse.microprofile.graphql.Description;

@Description("Where a phase of a flag release stands.")
public enum ReleasePhaseStatus {
    @Description("The phase has not started; earlier phases may still be running.")
    NOT_STARTED,
    @Description("The phase has started and is not complete.")
    ACTIVE,
    @Description("The phase is complete.")
    COMPLETED
}
