package io.releasegraph.store.h2;

import jakarta.enterprise.context.ApplicationScoped;

import io.releasegraph.store.PersistedQueryRepository;

@ApplicationScoped
public class H2PersistedQueryRepository extends PersistedQueryRepository<H2PersistedQuery> {

    @Override
    public H2PersistedQuery newEntry() {
        return new H2PersistedQuery();
    }
}
