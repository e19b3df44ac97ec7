package io.releasegraph.cache;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;

import io.releasegraph.config.GatewayConfig;
import io.releasegraph.support.Clocks;

/**
 * Whole answers to queries, kept as the bytes that were sent, for as long as every cache entry they were made from
 * is fresh and not evicted. Only the {@link UpstreamCache} knows an answer's sources: it records each entry a request
 * read ({@link CacheRequest#dependsOn}), and a request that read anything else (the run history, an upstream past
 * the cache, a stale copy) is not kept at all. Every eviction that reaches an entry, here or from another replica,
 * drops the answers made from it, so an answer is never older than the cache would be; the earliest expiry among
 * its entries is its own.
 *
 * <p>An answer is stored only if none of its entries was evicted while it was being made (checked again after it is
 * stored, so an eviction racing the store still drops it). Answers with errors or warnings are never kept, nor
 * mutations, nor requests with {@code Cache-Control: no-cache}.
 */
@ApplicationScoped
public class ResponseCache {

    /** What identifies an answer: the document, the operation and the variables as sent. */
    public record Key(String query, String operationName, String variables) {
    }

    private record Answer(byte[] body, List<CacheKey> sources, OffsetDateTime expiresAt) {
    }

    private final UpstreamCache cache;
    private final CacheMetrics metrics;
    private final boolean enabled;
    private final Clock clock;
    private final Cache<Key, Answer> answers;
    /** Which answers were made from an entry, so that its eviction finds them. */
    private final Map<CacheKey, Set<Key>> bySource = new ConcurrentHashMap<>();

    ResponseCache(UpstreamCache cache, CacheMetrics metrics, GatewayConfig config, Clock clock) {
        this.cache = cache;
        this.clock = clock;
        this.metrics = metrics;
        GatewayConfig.Cache settings = config.cache();
        this.enabled = settings.enabled() && settings.responses().enabled();
        this.answers = Caffeine.newBuilder()
                .maximumWeight(settings.responses().maxBytes())
                .weigher((Key key, Answer answer) -> answer.body().length + key.query().length() + key.variables().length())
                .ticker(Clocks.ticker(clock))
                .expireAfter(new UntilStale())
                .executor(Runnable::run) // the removal listener keeps the index in step, at once
                .removalListener((Key key, Answer answer, RemovalCause cause) -> {
                    if (key != null && answer != null) {
                        answer.sources().forEach(source -> bySource.computeIfPresent(source, (k, keys) -> {
                            keys.remove(key);
                            return keys.isEmpty() ? null : keys;
                        }));
                    }
                })
                .build();
    }

    @PostConstruct
    void followEvictions() {
        cache.onEviction(this::evicted);
    }

    public boolean enabled() {
        return enabled;
    }

    /** The kept answer, or empty. */
    public Optional<byte[]> answer(Key key) {
        Answer known = answers.getIfPresent(key);
        if (known == null || !known.expiresAt().toInstant().isAfter(clock.instant())) {
            metrics.responseMiss();
            return Optional.empty();
        }
        metrics.responseHit();
        return Optional.of(known.body());
    }

    /**
     * Keeps an answer made from these entries, unless one of them was evicted since the eviction sequence stood at
     * {@code since} (when the request began to be answered).
     */
    public void keep(Key key, byte[] body, List<CacheRequest.Dependency> dependencies, long since) {
        if (!enabled || dependencies.isEmpty()) {
            return;
        }
        List<CacheKey> sources = dependencies.stream().map(CacheRequest.Dependency::key).distinct().toList();
        OffsetDateTime expiresAt = dependencies.stream().map(CacheRequest.Dependency::expiresAt)
                .min(OffsetDateTime::compareTo).orElseThrow();
        if (!expiresAt.toInstant().isAfter(clock.instant()) || cache.evictedSince(sources, since)) {
            return;
        }
        sources.forEach(source -> bySource.computeIfAbsent(source, k -> ConcurrentHashMap.newKeySet()).add(key));
        answers.put(key, new Answer(body, sources, expiresAt));
        if (cache.evictedSince(sources, since)) {
            answers.invalidate(key); // an eviction ran between the check and the store
        }
    }

    /** An entry (or a whole kind, or everything for null) was evicted: the answers made from it go. */
    private void evicted(CacheKey key) {
        if (key == null) {
            answers.invalidateAll();
            return;
        }
        if (key.isEvery()) {
            bySource.keySet().stream().filter(key::reaches).toList().forEach(this::drop);
        } else {
            drop(key);
        }
    }

    private void drop(CacheKey source) {
        Set<Key> made = bySource.remove(source);
        if (made != null) {
            answers.invalidateAll(made);
        }
    }

    /** For tests that need a cold cache. */
    public void clear() {
        answers.invalidateAll();
    }

    /** An answer lives until its earliest entry goes stale. */
    private final class UntilStale implements Expiry<Key, Answer> {
        @Override
        public long expireAfterCreate(Key key, Answer answer, long currentTime) {
            long millis = ChronoUnit.MILLIS.between(clock.instant(), answer.expiresAt().toInstant());
            return TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
        }

        @Override
        public long expireAfterUpdate(Key key, Answer answer, long currentTime, long currentDuration) {
            return expireAfterCreate(key, answer, currentTime);
        }

        @Override
        public long expireAfterRead(Key key, Answer answer, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
