package io.releasegraph.cache;

import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.JavaType;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.releasegraph.config.GatewayConfig;
import io.releasegraph.domain.CacheInfo;
import io.releasegraph.domain.Cacheable;
import io.releasegraph.domain.JobGroup;
import io.releasegraph.error.GatewayException;
import io.releasegraph.error.UpstreamErrorException;
import io.releasegraph.error.UpstreamRateLimitedException;
import io.releasegraph.error.UpstreamTimeoutException;
import io.releasegraph.error.UpstreamUnavailableException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Read-through access to upstream data for the services, in two levels: memory (bounded, never blocks) over the
 * Panache store ({@link CacheStore}, shared by replicas and kept across restarts). Every upstream read goes through
 * {@link #get} and every write evicts what it changed with {@link #evict}, here and, on PostgreSQL, on every replica.
 * Identical reads in flight share one upstream call. When the upstream fails, the last good copy younger than
 * {@code gateway.cache.stale-if-error} is served, marked stale. A request with {@code Cache-Control: no-cache} skips
 * fresh copies ({@link CacheRequest}).
 */
@ApplicationScoped
public class UpstreamCache {

    /** A load's result with the time it was fetched, so all who share it stamp the same {@code fetchedAt}. */
    private record Loaded(Object value, OffsetDateTime fetchedAt, Validators validators) {
    }

    private final Map<CacheKey, Uni<Loaded>> inFlight = new ConcurrentHashMap<>();
    private final Cache<CacheKey, CachedCopy> memory;
    /** Eviction sequence numbers: a load that started before an eviction of its key must not store its result. */
    private final AtomicLong sequence = new AtomicLong();
    private final Cache<CacheKey, Long> lastEviction = Caffeine.newBuilder().expireAfterWrite(10, TimeUnit.MINUTES).build();
    private final CacheStore store;
    private final CacheCodec codec;
    private final CacheMetrics metrics;
    private final EvictionChannel channel;
    private final GatewayConfig.Cache config;
    private final Map<String, Duration> ttlByKind;

    UpstreamCache(CacheStore store, CacheCodec codec, CacheMetrics metrics, EvictionChannel channel,
            GatewayConfig config) {
        this.store = store;
        this.codec = codec;
        this.metrics = metrics;
        this.channel = channel;
        this.config = config.cache();
        this.ttlByKind = this.config.ttl().entrySet().stream()
                .collect(Collectors.toMap(entry -> normalise(entry.getKey()), Map.Entry::getValue, (a, b) -> b));
        // Kept past their TTL, up to the stale-if-error window, to serve as stale copies.
        this.memory = Caffeine.newBuilder().maximumSize(this.config.memoryMaxEntries())
                .expireAfterWrite(this.config.staleIfError()).build();
    }

    void listenForOtherReplicas(@Observes StartupEvent event) {
        channel.listen(keys -> keys.stream().map(CacheKey::parse).flatMap(Optional::stream).forEach(key -> {
            forgetLocally(key);
            metrics.evicted(key, "replica");
        }), this::forgetAllLocally);
    }

    /**
     * The value for the key, from memory, the store or the upstream, with {@link CacheInfo} stamped on every
     * {@link Cacheable} it holds (itself, the elements of a list, the content of an Optional).
     *
     * @param type the value's full type, so a stored copy can be read back (see {@link CacheTypes})
     */
    public <T> Uni<T> get(CacheKey key, JavaType type, Supplier<Uni<T>> loader) {
        return getRevalidating(key, type, validators -> loader.get().map(value -> Fetched.of(value, Validators.NONE)));
    }

    /**
     * As {@link #get}, for an upstream read that can be conditional: the loader receives the validators of the expired
     * copy ({@link Validators#NONE} when there is none) and may answer {@link Fetched#notModified}, which renews that
     * copy without a body.
     */
    @SuppressWarnings("unchecked")
    public <T> Uni<T> getRevalidating(CacheKey key, JavaType type, Function<Validators, Uni<Fetched<T>>> loader) {
        Function<Validators, Uni<Fetched<Object>>> untyped = validators -> loader.apply(validators)
                .map(fetched -> (Fetched<Object>) fetched);
        return Uni.createFrom().deferred(() -> read(key, type, untyped)).map(value -> (T) value);
    }

    private Uni<Object> read(CacheKey key, JavaType type, Function<Validators, Uni<Fetched<Object>>> loader) {
        if (!config.enabled()) {
            return loader.apply(Validators.NONE).map(fetched -> stamp(fetched.value(), CacheInfo.fresh(now())));
        }
        Optional<CacheRequest> request = CacheRequest.current();
        Executor caller = callerContext();
        boolean noCache = request.map(CacheRequest::noCache).orElse(false);
        CachedCopy inMemory = memory.getIfPresent(key);
        if (!noCache && inMemory != null && inMemory.freshAt(now())) {
            metrics.hit(key, CacheMetrics.Level.MEMORY);
            return Uni.createFrom().item(inMemory.value());
        }
        return store.read(key)
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("cache store unreadable, reading %s from its upstream: %s", key.value(), e.getMessage());
                    return CacheStore.Snapshot.NOTHING;
                })
                .emitOn(caller)
                .chain(snapshot -> {
                    Optional<CachedCopy> stored = snapshot.copy().flatMap(s -> decode(s, type));
                    if (!noCache && stored.isPresent() && stored.get().freshAt(now())) {
                        metrics.hit(key, CacheMetrics.Level.STORE);
                        memory.put(key, stored.get());
                        return Uni.createFrom().item(stored.get().value());
                    }
                    Optional<CachedCopy> expired = stored.or(() -> Optional.ofNullable(inMemory));
                    return load(key, type, loader, new LoadStart(snapshot.generation(), expired), request, caller);
                });
    }

    /** Forgets what a write changed, here, in the store and on every other replica, so the next read is fresh. */
    public Uni<Void> evict(CacheKey... keys) {
        List<CacheKey> evicted = Arrays.asList(keys);
        evicted.forEach(key -> {
            forgetLocally(key);
            metrics.evicted(key, "local");
        });
        Executor caller = callerContext();
        return store.evict(evicted).chain(() -> channel.publish(evicted)).emitOn(caller);
    }

    /** What a load started from: the store generation it read, and the expired copy it may revalidate. */
    private record LoadStart(long generation, Optional<CachedCopy> expired) {

        Validators validators() {
            return expired.map(CachedCopy::validators).orElse(Validators.NONE);
        }
    }

    private Uni<Object> load(CacheKey key, JavaType type, Function<Validators, Uni<Fetched<Object>>> loader,
            LoadStart start, Optional<CacheRequest> request, Executor caller) {
        metrics.miss(key);
        Uni<Loaded> shared = inFlight.computeIfAbsent(key, k -> {
            long startedAt = sequence.get();
            AtomicReference<Uni<Loaded>> self = new AtomicReference<>();
            Uni<Loaded> load = loader.apply(start.validators())
                    .map(fetched -> loaded(k, fetched, start))
                    .call(loaded -> save(k, type, loaded, startedAt, start.generation()))
                    // A block, not an expression: remove() returns a Uni, which would pick eventually(Supplier<Uni>)
                    // and make the shared read wait on itself. Only this load's entry: an eviction may have replaced it.
                    .eventually(() -> {
                        inFlight.remove(k, self.get());
                    })
                    .memoize().indefinitely();
            self.set(load);
            return load;
        });
        return shared.emitOn(caller)
                .map(Loaded::value)
                .onFailure(UpstreamCache::isUpstreamFailure)
                .recoverWithUni(failure -> staleCopy(key, type, failure, request).emitOn(caller));
    }

    /** The load's value, stamped with its {@code fetchedAt} once: every reader of the copy shares it as it is. */
    private Loaded loaded(CacheKey key, Fetched<Object> fetched, LoadStart start) {
        OffsetDateTime fetchedAt = now();
        if (!fetched.notModified()) {
            return new Loaded(stamp(fetched.value(), CacheInfo.fresh(fetchedAt)), fetchedAt, fetched.validators());
        }
        CachedCopy unchanged = start.expired()
                .orElseThrow(() -> new IllegalStateException("not modified, but no copy was revalidated: " + key.value()));
        metrics.revalidated(key);
        Validators validators = fetched.validators().isEmpty() ? unchanged.validators() : fetched.validators();
        return new Loaded(stamp(unchanged.value(), CacheInfo.fresh(fetchedAt)), fetchedAt, validators);
    }

    /**
     * Stores a loaded value in the store and then in memory, unless its key was evicted while the load ran: here (the
     * local sequence) or on any replica (the store generation read before the upstream call has moved on).
     */
    private Uni<Void> save(CacheKey key, JavaType type, Loaded loaded, long startedAt, long generation) {
        if (evictedSince(key, startedAt)) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime expiresAt = loaded.fetchedAt().plus(ttl(key, loaded.value()));
        CachedCopy copy = new CachedCopy(loaded.value(), loaded.fetchedAt(), expiresAt, loaded.validators());
        CacheStore.Stored stored = new CacheStore.Stored(codec.write(loaded.value(), type), loaded.fetchedAt(), expiresAt,
                loaded.validators());
        return store.write(key, stored, generation)
                .onFailure().invoke(e -> Log.warnf("could not store cache entry %s: %s", key.value(), e.getMessage()))
                .onFailure().recoverWithItem(true) // the store is down: memory alone still spares the upstream
                .invoke(written -> {
                    if (written && !evictedSince(key, startedAt)) {
                        memory.put(key, copy);
                    }
                })
                .replaceWithVoid();
    }

    private boolean evictedSince(CacheKey key, long startedAt) {
        Long evictedAt = lastEviction.getIfPresent(key);
        return evictedAt != null && evictedAt > startedAt;
    }

    /** The last good copy, memory first, marked stale; the upstream's failure when there is none young enough. */
    private Uni<Object> staleCopy(CacheKey key, JavaType type, Throwable failure, Optional<CacheRequest> request) {
        Optional<CachedCopy> inMemory = Optional.ofNullable(memory.getIfPresent(key));
        Uni<Optional<CachedCopy>> copy = inMemory.isPresent() ? Uni.createFrom().item(inMemory)
                : store.read(key).map(snapshot -> snapshot.copy().flatMap(s -> decode(s, type)));
        return copy.onFailure().recoverWithItem(Optional.empty()).chain(found -> {
            Optional<CachedCopy> usable = found.filter(c -> c.usableAsStaleAt(now(), config.staleIfError()));
            if (usable.isEmpty()) {
                return Uni.createFrom().failure(failure);
            }
            CachedCopy stale = usable.get();
            metrics.staleServed(key);
            request.ifPresent(r -> r.servedStale(new CacheRequest.StaleServe(key.upstream().key(), key.kind(),
                    stale.fetchedAt(), reason(failure))));
            Log.debugf("served stale %s fetched at %s: %s", key.value(), stale.fetchedAt(), failure.getMessage());
            return Uni.createFrom().item(stamp(stale.value(), new CacheInfo(stale.fetchedAt(), true)));
        });
    }

    private Optional<CachedCopy> decode(CacheStore.Stored stored, JavaType type) {
        return codec.read(stored.payload(), type).map(value -> new CachedCopy(
                stamp(value, CacheInfo.fresh(stored.fetchedAt())), stored.fetchedAt(), stored.expiresAt(),
                stored.validators()));
    }

    /** The kind's TTL; a run that has not finished gets {@code ttl-running}, so polling it sees it finish. */
    Duration ttl(CacheKey key, Object value) {
        Object inner = value instanceof Optional<?> optional ? optional.orElse(null) : value;
        if (inner instanceof JobGroup group && !group.status().finished()) {
            return config.ttlRunning();
        }
        return ttlByKind.getOrDefault(normalise(key.kind()), config.ttlDefault());
    }

    private void forgetLocally(CacheKey key) {
        lastEviction.put(key, sequence.incrementAndGet());
        memory.invalidate(key);
        inFlight.remove(key);
    }

    private void forgetAllLocally() {
        sequence.incrementAndGet();
        memory.invalidateAll();
    }

    /** Empties the memory level; for tests that need a cold cache (with {@link CacheStore#deleteAllNow()}). */
    public void clearMemory() {
        forgetAllLocally();
    }

    /** Failures of the upstream itself, which a stale copy may cover; NOT_FOUND, VALIDATION and the like are answers. */
    static boolean isUpstreamFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UpstreamErrorException || cause instanceof UpstreamUnavailableException
                    || cause instanceof UpstreamTimeoutException || cause instanceof UpstreamRateLimitedException
                    || cause instanceof org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException
                    || cause instanceof java.util.concurrent.TimeoutException || cause instanceof IOException) {
                return true;
            }
            if (cause instanceof GatewayException) {
                return false;
            }
        }
        return false;
    }

    private static String reason(Throwable failure) {
        return failure instanceof GatewayException gateway ? gateway.code().toLowerCase(Locale.ROOT).replace('_', ' ')
                : "unavailable";
    }

    /** Continuations go back to the caller's Vert.x context, where its request (and {@link CacheRequest}) lives. */
    private static Executor callerContext() {
        Context context = Vertx.currentContext();
        return context == null ? Runnable::run : command -> context.runOnContext(ignored -> command.run());
    }

    /** Milliseconds, so a copy read back from either store says the same {@code fetchedAt} as the one in memory. */
    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    private static String normalise(String kind) {
        return kind.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
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
