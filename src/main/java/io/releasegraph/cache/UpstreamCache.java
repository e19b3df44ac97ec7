package io.releasegraph.cache;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
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
import io.releasegraph.support.Clocks;
import io.releasegraph.domain.CacheInfo;
import io.releasegraph.domain.Cacheable;
import io.releasegraph.domain.JobGroup;
import io.releasegraph.error.GatewayException;
import io.releasegraph.error.UpstreamErrorException;
import io.releasegraph.error.UpstreamRateLimitedException;
import io.releasegraph.error.UpstreamTimeoutException;
import io.releasegraph.error.UpstreamUnavailableException;
import io.releasegraph.provider.RequestDeadline;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Read-through access to upstream data for the services, in two levels: memory (bounded, never blocks) over the
 * Panache store ({@link CacheStore}, shared by replicas and kept across restarts). Every upstream read goes through
 * {@link #get} and every write evicts what it changed with {@link #evict}, here and, on PostgreSQL, on every replica.
 * Identical reads in flight share one upstream call; with the cache off, only a read started since the request
 * began ({@link #shared}). When the upstream fails, the last good copy younger than
 * {@code gateway.cache.stale-if-error} is served, marked stale. A request with {@code Cache-Control: no-cache} skips
 * fresh copies ({@link CacheRequest}).
 */
@ApplicationScoped
public class UpstreamCache {

    /** A load's result with the time it was fetched, so all who share it stamp the same {@code fetchedAt}. */
    private static final class Loaded {
        final Object value;
        final OffsetDateTime fetchedAt;
        final OffsetDateTime expiresAt;
        final Validators validators;
        /** Stored as the key's copy: no eviction overtook the load. Set before anyone sees the load complete. */
        volatile boolean kept;

        Loaded(Object value, OffsetDateTime fetchedAt, OffsetDateTime expiresAt, Validators validators) {
            this.value = value;
            this.fetchedAt = fetchedAt;
            this.expiresAt = expiresAt;
            this.validators = validators;
        }
    }

    /** Set while a loader calls its upstream, so the upstream clients can tell reads behind the cache from others. */
    private static final ThreadLocal<Boolean> LOADING = new ThreadLocal<>();

    private final Map<CacheKey, Uni<Loaded>> inFlight = new ConcurrentHashMap<>();
    /** With the cache off: the latest read of each key still in flight, which later identical reads may share. */
    private final Map<CacheKey, Flight> flights = new ConcurrentHashMap<>();
    private final Cache<CacheKey, CachedCopy> memory;
    /** Eviction sequence numbers: a load that started before an eviction of its key must not store its result. */
    private final AtomicLong sequence = new AtomicLong();
    private final Cache<CacheKey, Long> lastEviction = Caffeine.newBuilder().expireAfterWrite(10, TimeUnit.MINUTES).build();
    /** The sequence number of the last time the memory level was emptied as a whole. */
    private volatile long clearedAt;
    /** Who else forgets what is evicted here (the {@link ResponseCache}); null for a whole clear. */
    private final List<Consumer<CacheKey>> evictionListeners = new CopyOnWriteArrayList<>();
    private final CacheStore store;
    private final CacheCodec codec;
    private final CacheMetrics metrics;
    private final EvictionChannel channel;
    private final GatewayConfig.Cache config;
    private final Map<String, Duration> ttlByKind;
    private final Clock clock;

    UpstreamCache(CacheStore store, CacheCodec codec, CacheMetrics metrics, EvictionChannel channel,
            GatewayConfig config, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.codec = codec;
        this.metrics = metrics;
        this.channel = channel;
        this.config = config.cache();
        this.ttlByKind = this.config.ttl().entrySet().stream()
                .collect(Collectors.toMap(entry -> normalise(entry.getKey()), Map.Entry::getValue, (a, b) -> b));
        // Kept past their TTL, up to the stale-if-error window, to serve as stale copies.
        this.memory = Caffeine.newBuilder().maximumSize(this.config.memoryMaxEntries())
                .ticker(Clocks.ticker(clock)).expireAfterWrite(this.config.staleIfError()).build();
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
        return Uni.createFrom().deferred(() -> readOnce(key, type, untyped)).map(value -> (T) value);
    }

    /**
     * One copy per entry per request: a second read of the key in the same answer gets what the first got, so every
     * object made from one entry carries the same {@code cache { fetchedAt stale }}, even if the copy expired, was
     * refreshed or went stale in between. A write that evicts the key in the request forgets it ({@link #evict}).
     */
    private Uni<Object> readOnce(CacheKey key, JavaType type, Function<Validators, Uni<Fetched<Object>>> loader) {
        Optional<CacheRequest> request = config.enabled() ? CacheRequest.current() : Optional.empty();
        if (request.isEmpty()) {
            return read(key, type, loader);
        }
        Object served = request.get().served(key);
        if (served != null) {
            return Uni.createFrom().item(served);
        }
        return read(key, type, loader).map(value -> request.get().serve(key, value));
    }

    private Uni<Object> read(CacheKey key, JavaType type, Function<Validators, Uni<Fetched<Object>>> loader) {
        Optional<CacheRequest> request = CacheRequest.current();
        if (!config.enabled()) {
            request.ifPresent(CacheRequest::uncacheable);
            return shared(key, loader, config.shareReads() ? request.flatMap(CacheRequest::begunAt) : Optional.empty());
        }
        Executor caller = callerContext();
        boolean noCache = request.map(CacheRequest::noCache).orElse(false);
        CachedCopy inMemory = memory.getIfPresent(key);
        if (!noCache && inMemory != null && inMemory.freshAt(now())) {
            metrics.hit(key, CacheMetrics.Level.MEMORY);
            request.ifPresent(r -> r.dependsOn(key, inMemory.expiresAt()));
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
                        request.ifPresent(r -> r.dependsOn(key, stored.get().expiresAt()));
                        return Uni.createFrom().item(stored.get().value());
                    }
                    Optional<CachedCopy> expired = stored.or(() -> Optional.ofNullable(inMemory));
                    return load(key, type, loader, new LoadStart(snapshot.generation(), expired), request, caller);
                });
    }

    /**
     * An upstream read in flight with the cache off: when it started (on the injected clock) and where the eviction
     * sequence stood then.
     */
    private record Flight(Instant startedAt, long sequence, Uni<Object> value) {
    }

    /**
     * With the cache off: the read joins an identical read already in flight if that one started at or after this
     * request began, so no answer holds data older than its request; else it starts its own, which later requests
     * may join. A request with no start (a WebSocket operation) always reads for itself. A joiner waits within its
     * own time budget, and a write's {@link #evict} ends the sharing of what it changed.
     */
    private Uni<Object> shared(CacheKey key, Function<Validators, Uni<Fetched<Object>>> loader,
            Optional<Instant> requestBegunAt) {
        if (requestBegunAt.isPresent()) {
            Flight inFlight = flights.get(key);
            if (inFlight != null && !inFlight.startedAt().isBefore(requestBegunAt.get())
                    && !evictedSince(key, inFlight.sequence())) {
                metrics.shared(key);
                return RequestDeadline.withinBudget(inFlight.value().emitOn(callerContext()),
                        () -> new UpstreamTimeoutException("The upstream " + key.upstream()
                                + " did not answer within the request's time budget.", key.upstream(), null, null));
            }
        }
        Uni<Object> read = loading(() -> loader.apply(Validators.NONE)).map(Fetched::value); // stamped by its mapper
        if (requestBegunAt.isEmpty()) {
            return read;
        }
        AtomicReference<Flight> self = new AtomicReference<>();
        AtomicBoolean over = new AtomicBoolean();
        Uni<Object> value = read
                // a block: only this read's entry goes, as a newer read or an eviction may have replaced it
                .eventually(() -> {
                    over.set(true);
                    flights.remove(key, self.get());
                })
                .memoize().indefinitely();
        self.set(new Flight(clock.instant(), sequence.get(), value));
        // Started here, before anyone can join, so the call runs and answers on this request's context.
        value.subscribe().with(ignored -> {
        }, ignored -> {
        });
        flights.put(key, self.get());
        if (over.get()) {
            flights.remove(key, self.get()); // it ended before it was published (a breaker open fails at once)
        }
        return value;
    }

    /** Forgets what a write changed, here, in the store and on every other replica, so the next read is fresh. */
    public Uni<Void> evict(CacheKey... keys) {
        List<CacheKey> evicted = Arrays.asList(keys);
        Optional<CacheRequest> request = CacheRequest.current();
        evicted.forEach(key -> {
            request.ifPresent(r -> r.forget(key));
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
            Uni<Loaded> load = loading(() -> loader.apply(start.validators()))
                    .map(fetched -> loaded(k, fetched, start))
                    .call(loaded -> save(k, type, loaded, startedAt, start.generation(),
                            start.expired().filter(copy -> copy.freshAt(now())).isPresent()))
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
                .map(loaded -> {
                    if (loaded.kept) {
                        request.ifPresent(r -> r.dependsOn(key, loaded.expiresAt));
                    } else {
                        request.ifPresent(CacheRequest::uncacheable); // an eviction overtook it: not the key's copy
                    }
                    return loaded.value;
                })
                .onFailure(UpstreamCache::isUpstreamFailure)
                .recoverWithUni(failure -> staleCopy(key, type, failure, request).emitOn(caller));
    }

    /** The load's value, stamped with its {@code fetchedAt} once: every reader of the copy shares it as it is. */
    private Loaded loaded(CacheKey key, Fetched<Object> fetched, LoadStart start) {
        OffsetDateTime fetchedAt = now();
        if (!fetched.notModified()) {
            return new Loaded(stamp(fetched.value(), CacheInfo.fresh(fetchedAt)), fetchedAt,
                    fetchedAt.plus(ttl(key, fetched.value())), fetched.validators());
        }
        CachedCopy unchanged = start.expired()
                .orElseThrow(() -> new IllegalStateException("not modified, but no copy was revalidated: " + key.value()));
        metrics.revalidated(key);
        Validators validators = fetched.validators().isEmpty() ? unchanged.validators() : fetched.validators();
        return new Loaded(stamp(unchanged.value(), CacheInfo.fresh(fetchedAt)), fetchedAt,
                fetchedAt.plus(ttl(key, unchanged.value())), validators);
    }

    /**
     * Stores a loaded value in the store and then in memory, unless its key was evicted while the load ran: here (the
     * local sequence) or on any replica (the store generation read before the upstream call has moved on).
     */
    private Uni<Void> save(CacheKey key, JavaType type, Loaded loaded, long startedAt, long generation,
            boolean replacesFreshCopy) {
        if (evictedSince(key, startedAt)) {
            return Uni.createFrom().voidItem();
        }
        CachedCopy copy = new CachedCopy(loaded.value, loaded.fetchedAt, loaded.expiresAt, loaded.validators);
        CacheStore.Stored stored = new CacheStore.Stored(codec.write(loaded.value, type), loaded.fetchedAt,
                loaded.expiresAt, loaded.validators);
        return store.write(key, stored, generation)
                .onFailure().invoke(e -> Log.warnf("could not store cache entry %s: %s", key.value(), e.getMessage()))
                .onFailure().recoverWithItem(true) // the store is down: memory alone still spares the upstream
                .invoke(written -> {
                    if (written && !evictedSince(key, startedAt)) {
                        if (replacesFreshCopy) {
                            replaced(key); // a refresh (no-cache): answers made from the copy it replaces go
                        }
                        memory.put(key, copy);
                        loaded.kept = true;
                    }
                })
                .replaceWithVoid();
    }

    private boolean evictedSince(CacheKey key, long startedAt) {
        return clearedAt > startedAt || after(lastEviction.getIfPresent(key), startedAt)
                || after(lastEviction.getIfPresent(CacheKey.every(key.upstream(), key.kind())), startedAt);
    }

    private static boolean after(Long evictedAt, long startedAt) {
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
            request.ifPresent(r -> r.servedStale(new CacheRequest.StaleServe(key.upstream(), key.kind(),
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

    /**
     * The kind's TTL; a run that has not finished gets {@code ttl-running}, so polling it sees it finish, and a finished
     * one never changes again: it stays until the purge (stale-if-error), so runs pages read it from Trifacta once.
     */
    Duration ttl(CacheKey key, Object value) {
        Object inner = value instanceof Optional<?> optional ? optional.orElse(null) : value;
        if (inner instanceof JobGroup group) {
            return group.status().finished() ? config.staleIfError() : config.ttlRunning();
        }
        return ttlByKind.getOrDefault(normalise(key.kind()), config.ttlDefault());
    }

    /** Where the eviction sequence stands: what {@link #evictedSince(Collection, long)} compares with. */
    public long evictionSequence() {
        return sequence.get();
    }

    /** Whether any of the entries was evicted, here or by another replica's notice, since the sequence stood there. */
    public boolean evictedSince(Collection<CacheKey> keys, long since) {
        for (CacheKey key : keys) {
            if (evictedSince(key, since)) {
                return true;
            }
        }
        return false;
    }

    /** Calls the listener with every key evicted from now on (an {@link CacheKey#every} key for a whole kind). */
    void onEviction(Consumer<CacheKey> listener) {
        evictionListeners.add(listener);
    }

    /** True while the current thread runs a loader: an upstream read the cache stands for. */
    public static boolean loading() {
        return Boolean.TRUE.equals(LOADING.get());
    }

    private static <T> T loading(Supplier<T> call) {
        Boolean outer = LOADING.get();
        LOADING.set(Boolean.TRUE);
        try {
            return call.get();
        } finally {
            if (outer == null) {
                LOADING.remove();
            }
        }
    }

    /** A fresh copy was replaced by a newer one: for what was made from it, as good as an eviction. */
    private void replaced(CacheKey key) {
        lastEviction.put(key, sequence.incrementAndGet());
        evictionListeners.forEach(listener -> listener.accept(key));
    }

    private void forgetLocally(CacheKey key) {
        lastEviction.put(key, sequence.incrementAndGet());
        evictionListeners.forEach(listener -> listener.accept(key));
        if (key.isEvery()) {
            memory.asMap().keySet().removeIf(key::reaches);
            inFlight.keySet().removeIf(key::reaches);
            flights.keySet().removeIf(key::reaches);
        } else {
            memory.invalidate(key);
            inFlight.remove(key);
            flights.remove(key);
        }
    }

    private void forgetAllLocally() {
        clearedAt = sequence.incrementAndGet();
        memory.invalidateAll();
        flights.clear();
        evictionListeners.forEach(listener -> listener.accept(null));
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
    private OffsetDateTime now() {
        return Clocks.now(clock);
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
