package io.releasegraph.store;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Webhook deliveries in one persistence unit; {@code store.h2} and {@code store.postgresql} bind it to their entity. */
public abstract class WebhookDeliveryRepository<E extends WebhookDelivery> implements PanacheRepositoryBase<E, String> {

    /** A new, unsaved delivery of this persistence unit's entity. */
    public abstract E newEntry();

    public long deleteExpiredBy(OffsetDateTime now) {
        return delete("expiresAt <= ?1", now);
    }
}
