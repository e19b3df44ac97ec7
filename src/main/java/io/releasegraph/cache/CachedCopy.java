package io.releasegraph.cache;

import java.time.OffsetDateTime;

/**
 * One cached value with its metadata, as both levels hold it: {@code value} is the decoded domain value in memory,
 * {@code payload} its JSON in the store.
 */
record CachedCopy(Object value, OffsetDateTime fetchedAt, OffsetDateTime expiresAt) {

    boolean freshAt(OffsetDateTime now) {
        return now.isBefore(expiresAt);
    }

    boolean usableAsStaleAt(OffsetDateTime now, java.time.Duration staleIfError) {
        return !fetchedAt.plus(staleIfError).isBefore(now);
    }
}
