package io.releasegraph.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("How fresh an object is, so a frontend can say \"as of 10:42\".")
public record CacheInfo(
        @NonNull @Description("When the gateway fetched this object from its upstream.") OffsetDateTime fetchedAt,
        @Description("True when the upstream failed and this is the last good copy, served from the cache.") boolean stale) {

    public static CacheInfo fresh(OffsetDateTime fetchedAt) {
        return new CacheInfo(fetchedAt, false);
    }

    /** The last {@link #now()}: a mapper stamps hundreds of objects in the same millisecond. */
    private static volatile CacheInfo current = fresh(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS));

    /**
     * Fetched now, to the millisecond (as the cache keeps {@code fetchedAt}); one shared instance per millisecond, so
     * mapping an upstream list does not make an {@code OffsetDateTime} per element.
     */
    public static CacheInfo now() {
        long millis = System.currentTimeMillis();
        CacheInfo last = current;
        if (last.fetchedAt.toInstant().toEpochMilli() == millis) {
            return last;
        }
        CacheInfo fresh = fresh(OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
        current = fresh;
        return fresh;
    }
}
