package io.releasegraph.store.h2;

import jakarta.enterprise.context.ApplicationScoped;

import io.releasegraph.store.WebhookDeliveryRepository;

@ApplicationScoped
public class H2WebhookDeliveryRepository extends WebhookDeliveryRepository<H2WebhookDelivery> {

    @Override
    public H2WebhookDelivery newEntry() {
        return new H2WebhookDelivery();
    }
}
