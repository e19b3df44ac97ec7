package io.releasegraph.store.h2;

import jakarta.enterprise.context.ApplicationScoped;

import io.releasegraph.store.IdempotencyRepository;

@ApplicationScoped
public class H2IdempotencyRepository extends IdempotencyRepository<H2IdempotencyEntry> {

    @Override
    public H2IdempotencyEntry newEntry() {
        return new H2IdempotencyEntry();
    }
}
