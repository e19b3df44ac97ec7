package io.releasegraph.store.postgresql;

import jakarta.enterprise.context.ApplicationScoped;

import io.releasegraph.store.WebhookDeliveryRepository;

@ApplicationScoped
public class PgWebhookDeliveryRepository extends WebhookDeliveryRepository<PgWebhookDelivery> {

    @Override
    public PgWebhookDelivery newEntry() {
        return new PgWebhookDelivery();
    }
}
