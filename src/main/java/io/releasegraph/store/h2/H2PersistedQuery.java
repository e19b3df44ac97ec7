package io.releasegraph.store.h2;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.releasegraph.store.PersistedQuery;

/** {@link PersistedQuery} in the h2 persistence unit. */
@Entity(name = "PersistedQuery")
@Table(name = "persisted_query")
public class H2PersistedQuery extends PersistedQuery {
}
