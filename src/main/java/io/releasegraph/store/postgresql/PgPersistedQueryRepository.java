package io.releasegraph.store.postgresql;

import jakarta.enterprise.context.ApplicationScoped;

import io.releasegraph.store.PersistedQueryRepository;

@ApplicationScoped
public class PgPersistedQueryRepository extends PersistedQueryRepository<PgPersistedQuery> {

    @Override
    public PgPersistedQuery newEntry() {
        return new PgPersistedQuery();
    }
}
