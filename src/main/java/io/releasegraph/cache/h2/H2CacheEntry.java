package io.releasegraph.cache.h2;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.releasegraph.cache.CacheEntry;

/** {@link CacheEntry} in the h2 persistence unit. */
@Entity(name = "CacheEntry")
@Table(name = "cache_entry")
public class H2CacheEntry extends CacheEntry {
}
