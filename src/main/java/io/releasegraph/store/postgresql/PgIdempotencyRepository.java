package io.releasegraph.store.postgresql;

import jakarta.enterprise.context.ApplicationScoped;

import io.releasegraph.store.IdempotencyRepository;

@ApplicationScoped
public class PgIdempotencyRepository extends IdempotencyRepository<PgIdempotencyEntry> {

    @Override
    public PgIdempotencyEntry newEntry() {
        return new PgIdempotencyEntry();
    }
}
