package io.releasegraph.store.h2;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.releasegraph.store.IdempotencyEntry;

/** {@link IdempotencyEntry} in the h2 persistence unit. */
@Entity(name = "IdempotencyEntry")
@Table(name = "idempotency_key")
public class H2IdempotencyEntry extends IdempotencyEntry {
}
