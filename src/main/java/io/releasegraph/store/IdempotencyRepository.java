package io.releasegraph.store;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Idempotency keys in one persistence unit; {@code store.h2} and {@code store.postgresql} bind it to their entity. */
public abstract class IdempotencyRepository<E extends IdempotencyEntry> implements PanacheRepositoryBase<E, String> {

    /** A new, unsaved key of this persistence unit's entity. */
    public abstract E newEntry();

    public long deleteCreatedBefore(OffsetDateTime cutoff) {
        return delete("createdAt < ?1", cutoff);
    }
}
