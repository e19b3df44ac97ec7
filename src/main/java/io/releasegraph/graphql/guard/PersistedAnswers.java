package io.releasegraph.graphql.guard;


import io.releasegraph.support.Sha256;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Caching headers of a GET answer to a persisted query, which a CDN can key on its URL: {@code Cache-Control}
 * ({@code private} when the request carries credentials, {@code public} otherwise) and an {@code ETag} of the body,
 * only on a 200 without errors or stale-copy warnings; anything else is {@code no-store}. Whichever engine writes the
 * answer offers its bytes ({@link #tag}); the compiled engine and kept answers then answer a matching
 * {@code If-None-Match} with 304.
 */
public final class PersistedAnswers {

    private static final String KEY = PersistedAnswers.class.getName();

    private PersistedAnswers() {
    }

    static void cacheable(RoutingContext ctx, long maxAgeSeconds) {
        ctx.put(KEY, "");
        boolean authorised = ctx.request().getHeader(HttpHeaders.AUTHORIZATION) != null
                || ctx.request().getHeader(HttpHeaders.COOKIE) != null;
        ctx.addHeadersEndHandler(ignored -> {
            String etag = ctx.get(KEY);
            int status = ctx.response().getStatusCode();
            if ((status == 200 || status == 304) && etag != null && !etag.isEmpty()) {
                ctx.response().putHeader(HttpHeaders.ETAG, etag);
                ctx.response().putHeader(HttpHeaders.CACHE_CONTROL,
                        (authorised ? "private" : "public") + ", max-age=" + maxAgeSeconds);
                if (authorised) {
                    ctx.response().putHeader(HttpHeaders.VARY, "Authorization");
                }
            } else {
                ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            }
        });
    }

    /**
     * The answer about to be written, without errors: tags it when the request is a cacheable persisted GET.
     *
     * @return true when the client's {@code If-None-Match} names this tag, so a 304 without body is the answer
     */
    public static boolean tag(RoutingContext ctx, byte[] body) {
        if (ctx == null || ctx.get(KEY) == null) {
            return false;
        }
        String etag = Sha256.etag(body);
        ctx.put(KEY, etag);
        String ifNoneMatch = ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH);
        return ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"));
    }
}
