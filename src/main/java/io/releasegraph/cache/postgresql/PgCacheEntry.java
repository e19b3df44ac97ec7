package io.releasegraph.cache.postgresql;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.releasegraph.cache.CacheEntry;

/** {@link CacheEntry} in the postgresql persistence unit. */
@Entity(name = "CacheEntry")
@Table(name = "cache_entry")
public class PgCacheEntry extends CacheEntry {
}
