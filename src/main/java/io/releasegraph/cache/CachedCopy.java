package io.releasegraph.cache;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * One cached value with its metadata, as both levels hold it: {@code value} is the decoded domain value in memory,
 * already stamped with {@code CacheInfo.fresh(fetchedAt)} so that a hit hands it out as it is; {@code payload} its
 * JSON in the store; {@code validators} are what the upstream sent with it.
 */
record CachedCopy(Object value, OffsetDateTime fetchedAt, OffsetDateTime expiresAt, Validators validators) {

    boolean freshAt(OffsetDateTime now) {
        return now.isBefore(expiresAt);
    }

    boolean usableAsStaleAt(OffsetDateTime now, Duration staleIfError) {
        return !fetchedAt.plus(staleIfError).isBefore(now);
    }
}
