package io.releasegraph.store;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class IdempotencyRepository implements PanacheRepositoryBase<IdempotencyEntry, String> {

    public long deleteCreatedBefore(OffsetDateTime cutoff) {
        return delete("createdAt < ?1", cutoff);
    }
}
