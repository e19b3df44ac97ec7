package io.releasegraph.store.postgresql;

import jakarta.enterprise.context.ApplicationScoped;

import io.releasegraph.store.RunRepository;

@ApplicationScoped
public class PgRunRepository extends RunRepository<PgRunRecord> {

    @Override
    public PgRunRecord newRecord() {
        return new PgRunRecord();
    }
}
