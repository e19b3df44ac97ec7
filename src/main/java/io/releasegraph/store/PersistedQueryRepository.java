package io.releasegraph.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Persisted queries in one persistence unit; {@code store.h2} and {@code store.postgresql} bind it to their entity. */
public abstract class PersistedQueryRepository<E extends PersistedQuery> implements PanacheRepositoryBase<E, String> {

    /** A new, unsaved persisted query of this persistence unit's entity. */
    public abstract E newEntry();
}
