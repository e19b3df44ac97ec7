package io.releasegraph.graphql.engine;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Named;

import graphql.language.OperationDefinition;
import io.netty.buffer.Unpooled;
import io.releasegraph.cache.CacheRequest;
import io.releasegraph.cache.ResponseCache;
import io.releasegraph.cache.UpstreamCache;
import io.releasegraph.config.GatewayConfig;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.releasegraph.graphql.guard.GraphQLRequestGuard;
import io.releasegraph.graphql.guard.PersistedAnswers;
import io.releasegraph.graphql.guard.ValidatedRequest;
import io.releasegraph.observability.GraphQLMetrics;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.spi.EventingService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Whole answers ({@link ResponseCache}) in front of both engines: after the guard validated the document and before
 * the gateway's engine or SmallRye's route runs it, a repeat of a kept query is answered with the kept bytes. On a
 * miss the request asks for its answer ({@link CacheRequest#wantAnswer}); whichever engine writes it offers the body
 * when it has no errors (the gateway's engine directly, SmallRye through {@link #afterExecute}), and it is kept
 * when the headers go out if the cache allows: a 200, no stale copy, every part a fresh cache entry none of which was
 * evicted meanwhile.
 *
 * <p>Not for mutations, {@code Cache-Control: no-cache}, nor a request that names its engine
 * ({@code X-Releasegraph-Engine}, when enabled): that one wants the engine to run, as parity tests and benchmarks do.
 */
@ApplicationScoped
@Named(ResponseCacheRoute.BEAN_NAME)
public class ResponseCacheRoute implements EventingService {

    public static final String BEAN_NAME = "releasegraphResponseCacheRoute";

    static final String DEFAULT_CONTENT_TYPE = "application/json; charset=UTF-8";

    private final ResponseCache responses;
    private final UpstreamCache cache;
    private final GraphQLMetrics metrics;
    private final GraphQLEngine engine;
    private final boolean engineHeader;

    private final CurrentVertxRequest currentRequest;

    ResponseCacheRoute(ResponseCache responses, UpstreamCache cache, GraphQLMetrics metrics, GraphQLEngine engine,
            GatewayConfig config, CurrentVertxRequest currentRequest) {
        this.currentRequest = currentRequest;
        this.responses = responses;
        this.engine = engine;
        this.cache = cache;
        this.metrics = metrics;
        this.engineHeader = config.graphql().engineHeader();
    }

    @Override
    public String getConfigKey() {
        return null;
    }

    void register(@Observes Router router) {
        router.route("/graphql").method(HttpMethod.GET).method(HttpMethod.POST).order(GraphQLRequestGuard.ANSWER_ORDER)
                .handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        ValidatedRequest request = ValidatedRequest.of(ctx).orElse(null);
        CacheRequest cacheRequest = CacheRequest.current().orElse(null);
        String contentType = responseType(ctx);
        if (request == null || cacheRequest == null || contentType == null || !responses.enabled()
                || cacheRequest.noCache() || request.operation().getOperation() != OperationDefinition.Operation.QUERY
                || (engineHeader && ctx.request().getHeader(GraphQLEngine.ENGINE_HEADER) != null)) {
            ctx.next();
            return;
        }
        ResponseCache.Key key = new ResponseCache.Key(request.query(), request.operation().getName(),
                request.variablesJson());
        Optional<byte[]> known = responses.answer(key);
        if (known.isPresent()) {
            long started = System.nanoTime();
            // counted before the answer goes out: a client that reads the metrics next must see this request
            engine.countKeptAnswer(ctx, request);
            String name = request.operation().getName();
            metrics.record(name == null ? "anonymous" : name, "query", started, List.of(), true);
            if (PersistedAnswers.tag(ctx, known.get())) {
                ctx.response().setStatusCode(304).end();
                return;
            }
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType).setStatusCode(200)
                    .end(Buffer.buffer(Unpooled.wrappedBuffer(known.get())));
            return;
        }
        long since = cache.evictionSequence();
        cacheRequest.wantAnswer();
        // before the body goes out, so that a repeat sent as soon as this answer arrives finds it kept
        ctx.addHeadersEndHandler(ignored -> {
            if (ctx.response().getStatusCode() == 200) {
                cacheRequest.answer().ifPresent(body -> responses.keep(key, body, cacheRequest.dependencies(), since));
            }
        });
        ctx.next();
    }

    /** SmallRye ran the query: the body its route is about to write, when it has no errors. */
    @Override
    public void afterExecute(Context context) {
        CacheRequest.current().filter(CacheRequest::answerWanted)
                .ifPresent(cacheRequest -> SmallRyeAdapter.answer(context).ifPresent(cacheRequest::answered));
        // a persisted GET that SmallRye runs is tagged too (no 304 here: SmallRye's route writes the body)
        RoutingContext ctx = currentRequest.getCurrent();
        if (ctx != null && ctx.request().method() == HttpMethod.GET) {
            SmallRyeAdapter.answer(context).ifPresent(body -> PersistedAnswers.tag(ctx, body));
        }
    }

    /**
     * The content type SmallRye would answer with (its {@code Accept} handling), or null for what only SmallRye
     * answers: an {@code Accept} it refuses (406) or a charset other than UTF-8.
     */
    static String responseType(RoutingContext ctx) {
        List<MIMEHeader> accepted = ctx.parsedHeaders() == null ? null : ctx.parsedHeaders().accept();
        if (accepted == null || accepted.isEmpty()) {
            return DEFAULT_CONTENT_TYPE;
        }
        for (MIMEHeader type : accepted) {
            String raw = type.rawValue();
            if (raw.startsWith("application/json") || raw.startsWith("application/graphql-response+json")
                    || raw.startsWith("application/graphql+json")) {
                Optional<String> charset = Optional.ofNullable(type.parameter("charset"));
                return charset.isEmpty() || charset.get().equalsIgnoreCase("utf-8") ? raw : null;
            }
            if (raw.startsWith("*/*")) {
                return DEFAULT_CONTENT_TYPE;
            }
        }
        return null;
    }
}
