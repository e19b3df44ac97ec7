package io.releasegraph.domain;

import org.eclipse.microprofile.graphql.Description;

@Description("Where a release stands, in one vocabulary for every source.")
public enum ReleaseStatus {
    @Description("Trifacta: the deployment's active release, the one a run executes.")
    ACTIVE,
    @Description("Trifacta: imported but not active.")
    INACTIVE,
    @Description("Cryptlex: not published yet; still editable.")
    DRAFT,
    @Description("Cryptlex: published and read-only.")
    PUBLISHED,
    @Description("Cryptlex: archived.")
    ARCHIVED,
    @Description("LaunchDarkly: no phase has started.")
    NOT_STARTED,
    @Description("LaunchDarkly: at least one phase started and not all are complete.")
    IN_PROGRESS,
    @Description("LaunchDarkly: every phase is complete.")
    COMPLETED,
    @Description("LaunchDarkly: the release was canceled.")
    CANCELED
}
