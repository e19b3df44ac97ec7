package io.releasegraph.store.postgresql;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.releasegraph.store.PersistedQuery;

/** {@link PersistedQuery} in the postgresql persistence unit. */
@Entity(name = "PersistedQuery")
@Table(name = "persisted_query")
public class PgPersistedQuery extends PersistedQuery {
}
