package io.releasegraph.store.h2;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.releasegraph.store.WebhookDelivery;

/** {@link WebhookDelivery} in the h2 persistence unit. */
@Entity(name = "WebhookDelivery")
@Table(name = "webhook_delivery")
public class H2WebhookDelivery extends WebhookDelivery {
}
