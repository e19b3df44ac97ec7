package io.releasegraph.store.postgresql;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.releasegraph.store.IdempotencyEntry;

/** {@link IdempotencyEntry} in the postgresql persistence unit. */
@Entity(name = "IdempotencyEntry")
@Table(name = "idempotency_key")
public class PgIdempotencyEntry extends IdempotencyEntry {
}
