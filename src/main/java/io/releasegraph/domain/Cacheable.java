package io.releasegraph.domain;

/** A schema object that carries {@link CacheInfo}; the cache stamps it when it serves a copy. */
public interface Cacheable<T> {

    T withCache(CacheInfo cache);
}
