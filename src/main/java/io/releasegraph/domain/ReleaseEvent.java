package io.releasegraph.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Something happened to a release; `releaseEvents` delivers these as they happen.")
public record ReleaseEvent(
        @NonNull @Description("What happened.") ReleaseEventType type,
        @NonNull @Description("The upstream the release lives in.") ReleaseSource source,
        @Id @NonNull @Description("The release's ID, as `release(id:)` takes it.") String releaseId,
        @Description("The release as it was right after the event, when the gateway has it; else fetch it by `releaseId`.") Release release,
        @NonNull @Description("When it happened (when the upstream says so, else when the gateway saw it).") OffsetDateTime occurredAt,
        @NonNull @Description("Whether a webhook or the gateway's own mutation reported it.") EventOrigin origin) {

    /** An event of the gateway's own mutation, now. */
    public static ReleaseEvent byGateway(ReleaseEventType type, Release release) {
        return new ReleaseEvent(type, release.source(), release.id(), release, OffsetDateTime.now(ZoneOffset.UTC),
                EventOrigin.GATEWAY);
    }
}
