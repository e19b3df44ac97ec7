package io.releasegraph.store.postgresql;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.releasegraph.store.WebhookDelivery;

/** {@link WebhookDelivery} in the postgresql persistence unit. */
@Entity(name = "WebhookDelivery")
@Table(name = "webhook_delivery")
public class PgWebhookDelivery extends WebhookDelivery {
}
