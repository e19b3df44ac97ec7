package io.releasegraph.domain;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("How fresh an object is, so a frontend can say \"as of 10:42\".")
public record CacheInfo(
        @NonNull @Description("When the gateway fetched this object from its upstream.") OffsetDateTime fetchedAt,
        @Description("True when the upstream failed and this is the last good copy, served from the cache.") boolean stale) {

    public static CacheInfo fresh(OffsetDateTime fetchedAt) {
        return new CacheInfo(fetchedAt, false);
    }
}
