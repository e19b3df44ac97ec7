package io.releasegraph.cache;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.smallrye.common.vertx.ContextLocals;

/**
 * What one GraphQL HTTP request asks of the cache and learns from it: whether it sent {@code Cache-Control: no-cache}
 * (read fresh from the upstreams), which stale copies it was served, and which entries its answer was made from (for
 * the {@link ResponseCache}). It lives in the request's Vert.x
 * (duplicated) context, which the cache keeps every continuation on, so no thread-locals or CDI contexts are needed.
 */
public final class CacheRequest {

    private static final String LOCAL = CacheRequest.class.getName();

    /** One stale copy served: which upstream failed, what kind of object, from when. */
    public record StaleServe(String upstream, String kind, OffsetDateTime fetchedAt, String reason) {
    }

    /** A cache entry the request's answer was made from, fresh until {@code expiresAt}. */
    public record Dependency(CacheKey key, OffsetDateTime expiresAt) {
    }

    private final boolean noCache;
    /** When the request arrived, on the injected clock; null where no moment stands for one (WebSocket operations). */
    private final Instant begunAt;
    private final List<StaleServe> staleServes = new CopyOnWriteArrayList<>();
    private final List<Dependency> dependencies = new CopyOnWriteArrayList<>();
    /** What each entry gave this request, so every object made from one entry in one answer is the same copy. */
    private final java.util.Map<CacheKey, Object> served = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean uncacheable;
    private volatile boolean answerWanted;
    private volatile byte[] answer;

    CacheRequest(boolean noCache, Instant begunAt) {
        this.noCache = noCache;
        this.begunAt = begunAt;
    }

    /**
     * {@code Cache-Control} asks for no cached copy ({@code no-cache}, or {@code no-store} / {@code max-age=0}).
     *
     * @param begunAt when the request arrived, or null when no moment stands for it
     */
    static CacheRequest fromHeader(String cacheControl, Instant begunAt) {
        if (cacheControl == null) {
            return new CacheRequest(false, begunAt);
        }
        String value = cacheControl.toLowerCase(java.util.Locale.ROOT);
        return new CacheRequest(value.contains("no-cache") || value.contains("no-store") || value.contains("max-age=0"),
                begunAt);
    }

    static void attach(CacheRequest request) {
        ContextLocals.put(LOCAL, request);
    }

    /** The request being served on this Vert.x context, if any (none for scheduled work or tests without HTTP). */
    public static Optional<CacheRequest> current() {
        try {
            return ContextLocals.get(LOCAL);
        } catch (UnsupportedOperationException | IllegalStateException notOnADuplicatedContext) {
            return Optional.empty();
        }
    }

    public boolean noCache() {
        return noCache;
    }

    /**
     * When the request arrived: an upstream read started at or after it is recent enough for its answer, so the
     * request may share it (see {@link UpstreamCache}). Empty for a WebSocket connection, which lives on.
     */
    Optional<Instant> begunAt() {
        return Optional.ofNullable(begunAt);
    }

    /** The value this request was already given for the key, or null. */
    Object served(CacheKey key) {
        return served.get(key);
    }

    /** Remembers what the key gave this request; the first value wins, so two reads of one entry agree. */
    Object serve(CacheKey key, Object value) {
        if (value == null) {
            return null;
        }
        Object first = served.putIfAbsent(key, value);
        return first == null ? value : first;
    }

    /** This request changed the entry: its next read must not get what it was given before the change. */
    void forget(CacheKey key) {
        if (key.isEvery()) {
            served.keySet().removeIf(key::reaches);
        } else {
            served.remove(key);
        }
    }

    void servedStale(StaleServe serve) {
        staleServes.add(serve);
    }

    /** The answer was made, in part, from this entry: it is only as fresh as the entry, and goes when the entry does. */
    void dependsOn(CacheKey key, OffsetDateTime expiresAt) {
        dependencies.add(new Dependency(key, expiresAt));
    }

    /**
     * The answer was made, in part, from something no cache entry stands for (the gateway's run history, an upstream
     * read past the cache, a stale copy), so it must not be kept as a whole.
     */
    public void uncacheable() {
        uncacheable = true;
    }

    /** The entries the answer depends on; empty when it may not be kept (see {@link #uncacheable()}). */
    public List<Dependency> dependencies() {
        return uncacheable || !staleServes.isEmpty() ? List.of() : List.copyOf(dependencies);
    }

    /** The response cache would keep this request's answer: whichever engine writes it offers the body. */
    public void wantAnswer() {
        answerWanted = true;
    }

    /** The answer is wanted and could still be kept (it read cache entries only), so it is worth offering. */
    public boolean answerWanted() {
        return answerWanted && !uncacheable && staleServes.isEmpty() && !dependencies.isEmpty();
    }

    /** The body about to be sent, offered by the engine that made it when it has no errors. */
    public void answered(byte[] body) {
        answer = body;
    }

    /** The body offered by the engine, if any (none for an answer with errors). */
    public Optional<byte[]> answer() {
        return Optional.ofNullable(answer);
    }

    public List<StaleServe> staleServes() {
        return List.copyOf(staleServes);
    }
}
