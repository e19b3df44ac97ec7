package io.releasegraph.cache;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JavaType;

import io.releasegraph.domain.CacheInfo;
import io.releasegraph.domain.Cacheable;
import io.smallrye.mutiny.Uni;

/**
 * Read-through access to upstream data for the services. Every upstream read goes through {@link #get} and
 * every write evicts what it changed with {@link #evict}. Identical reads in flight share one upstream call.
 */
@ApplicationScoped
public class UpstreamCache {

    private final Map<CacheKey, Uni<Object>> inFlight = new ConcurrentHashMap<>();

    /**
     * The value for the key, loaded from the upstream when needed, with {@link CacheInfo} stamped on every
     * {@link Cacheable} it holds (itself, the elements of a list, the content of an Optional).
     *
     * @param type the value's full type, so a stored copy can be read back (see {@link CacheTypes})
     */
    @SuppressWarnings("unchecked")
    public <T> Uni<T> get(CacheKey key, JavaType type, Supplier<Uni<T>> loader) {
        Uni<Object> shared = inFlight.computeIfAbsent(key, k -> ((Uni<Object>) loader.get())
                // A block, not an expression: remove() returns this very Uni, and eventually(Supplier<Uni>) would wait on it.
                .eventually(() -> {
                    inFlight.remove(k);
                })
                .memoize().indefinitely());
        OffsetDateTime fetchedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return shared.map(value -> (T) stamp(value, CacheInfo.fresh(fetchedAt)));
    }

    /** Forgets what a write changed, so the next read goes to the upstream. */
    public Uni<Void> evict(CacheKey... keys) {
        return Uni.createFrom().voidItem();
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    static Object stamp(Object value, CacheInfo info) {
        if (value instanceof Cacheable cacheable) {
            return cacheable.withCache(info);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(element -> stamp(element, info)).toList();
        }
        if (value instanceof Optional<?> optional) {
            return optional.map(inner -> stamp(inner, info));
        }
        return value;
    }
}
