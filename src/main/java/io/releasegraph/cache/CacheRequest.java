package io.releasegraph.cache;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.smallrye.common.vertx.ContextLocals;

/**
 * What one GraphQL HTTP request asks of the cache and learns from it: whether it sent {@code Cache-Control: no-cache}
 * (read fresh from the upstreams), and which stale copies it was served. It lives in the request's Vert.x
 * (duplicated) context, which the cache keeps every continuation on, so no thread-locals or CDI contexts are needed.
 */
public final class CacheRequest {

    private static final String LOCAL = CacheRequest.class.getName();

    /** One stale copy served: which upstream failed, what kind of object, from when. */
    public record StaleServe(String upstream, String kind, OffsetDateTime fetchedAt, String reason) {
    }

    private final boolean noCache;
    private final List<StaleServe> staleServes = new CopyOnWriteArrayList<>();

    CacheRequest(boolean noCache) {
        this.noCache = noCache;
    }

    /** {@code Cache-Control} asks for no cached copy ({@code no-cache}, or {@code no-store} / {@code max-age=0}). */
    static CacheRequest fromHeader(String cacheControl) {
        if (cacheControl == null) {
            return new CacheRequest(false);
        }
        String value = cacheControl.toLowerCase(java.util.Locale.ROOT);
        return new CacheRequest(value.contains("no-cache") || value.contains("no-store") || value.contains("max-age=0"));
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

    void servedStale(StaleServe serve) {
        staleServes.add(serve);
    }

    public List<StaleServe> staleServes() {
        return List.copyOf(staleServes);
    }
}
