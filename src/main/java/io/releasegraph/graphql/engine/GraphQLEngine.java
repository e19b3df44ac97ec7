package io.releasegraph.graphql.engine;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.json.JsonArray;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.schema.GraphQLSchema;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.releasegraph.cache.CacheRequest;
import io.releasegraph.cache.CacheRequests;
import io.releasegraph.cache.ResponseCache;
import io.releasegraph.cache.UpstreamCache;
import io.releasegraph.config.GatewayConfig;
import io.releasegraph.graphql.guard.GraphQLRequestGuard;
import io.releasegraph.graphql.guard.ValidatedRequest;
import io.releasegraph.observability.GraphQLMetrics;
import io.smallrye.graphql.schema.model.Schema;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs queries and mutations sent over HTTP without graphql-java's execution engine. SmallRye GraphQL builds the
 * schema from the resolvers; this engine compiles each document's operation once ({@link Planner}) into a plan of
 * direct property reads and resolver calls, and runs it per request ({@link Execution}) on the request's event
 * loop, writing the JSON response as it goes. graphql-java spends most of a large response's time per field
 * (execution-step info, futures, instrumentation, data-fetching environments, a context copy per field in
 * SmallRye): a plan spends almost none.
 *
 * <p>A query's whole answer is kept in the {@link ResponseCache} when the cache allows (every source a fresh cache
 * entry), and a repeat is answered with the same bytes until one of those entries is evicted or goes stale.
 *
 * <p>Requests it does not handle (introspection, subscriptions, anything with a fetcher or directive it does not
 * reproduce, an Accept header it does not serve) go on to SmallRye's own route unchanged, so every request gets an
 * answer either way; {@code gateway.graphql.engine=smallrye} sends them all there.
 */
@ApplicationScoped
public class GraphQLEngine {

    /** With {@code gateway.graphql.engine-header}: a request that names SmallRye runs on it. */
    public static final String ENGINE_HEADER = "X-Releasegraph-Engine";

    private static final String DEFAULT_CONTENT_TYPE = "application/graphql-response+json; charset=UTF-8";
    /** Plans of documents up to this size are kept, as the guard keeps their parsed form. */
    private static final int CACHED_DOCUMENT_CHARS = 8 * 1024;

    private record PlanKey(String query, String operationName) {
    }

    private final Instance<GraphQLSchema> schemas;
    private final Instance<Schema> models;
    private final ObjectMapper json;
    private final GraphQLMetrics metrics;
    private final CacheRequests cacheRequests;
    private final CurrentIdentityAssociation identities;
    private final CurrentVertxRequest currentRequest;
    private final boolean enabled;
    private final boolean engineHeader;
    private final Counter compiledRequests;
    private final UpstreamCache cache;
    private final ResponseCache responses;
    private final Counter smallRyeRequests;
    /** A compiled plan, or why the document is left to SmallRye. */
    private final Cache<PlanKey, Object> plans = Caffeine.newBuilder().maximumSize(500).build();
    private volatile Bindings bindings;

    GraphQLEngine(Instance<GraphQLSchema> schemas, Instance<Schema> models, ObjectMapper json, GraphQLMetrics metrics,
            CacheRequests cacheRequests, CurrentIdentityAssociation identities, CurrentVertxRequest currentRequest,
            GatewayConfig config, MeterRegistry registry, UpstreamCache cache, ResponseCache responses) {
        this.cache = cache;
        this.responses = responses;
        this.schemas = schemas;
        this.models = models;
        this.json = json;
        this.metrics = metrics;
        this.cacheRequests = cacheRequests;
        this.identities = identities;
        this.currentRequest = currentRequest;
        this.enabled = "compiled".equalsIgnoreCase(config.graphql().engine().trim());
        this.engineHeader = config.graphql().engineHeader();
        this.compiledRequests = engineCounter(registry, "compiled");
        this.smallRyeRequests = engineCounter(registry, "smallrye");
    }

    private static Counter engineCounter(MeterRegistry registry, String engine) {
        return Counter.builder("releasegraph.graphql.engine.requests")
                .description("GraphQL HTTP requests by the engine that executed them (smallrye: what the gateway's "
                        + "engine leaves to SmallRye GraphQL, such as introspection)")
                .tag("engine", engine).register(registry);
    }

    void register(@Observes Router router) {
        router.post("/graphql").order(GraphQLRequestGuard.EXECUTE_ORDER).handler(this::handle);
    }

    GraphQLSchema schema() {
        return bindings().schema();
    }

    private void handle(RoutingContext ctx) {
        ValidatedRequest request = ValidatedRequest.of(ctx).orElse(null);
        String contentType = request == null || !chosen(ctx) ? null : responseType(ctx);
        Planner.Compiled compiled = contentType == null ? null : compiled(request);
        if (compiled == null) {
            if (request != null) {
                smallRyeRequests.increment();
            }
            ctx.next();
            return;
        }
        compiledRequests.increment();
        ResponseCache.Key kept = keptAnswerKey(compiled.plan(), request);
        if (kept != null) {
            Optional<byte[]> known = responses.answer(kept);
            if (known.isPresent()) {
                long started = System.nanoTime();
                ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType).setStatusCode(200)
                        .end(Buffer.buffer(Unpooled.wrappedBuffer(known.get())));
                metrics.record(compiled.plan().name(), compiled.plan().type(), started, List.of(), true);
                return;
            }
        }
        long since = cache.evictionSequence();
        RequestScope scope = new RequestScope(() -> {
            QuarkusHttpUser user = (QuarkusHttpUser) ctx.user();
            if (user != null) {
                identities.setIdentity(user.getSecurityIdentity());
            } else {
                identities.setIdentity(QuarkusHttpUser.getSecurityIdentity(ctx, null));
            }
            currentRequest.setCurrent(ctx);
        });
        new Execution(this, compiled.plan(), request, scope, new Execution.Outcome() {
            @Override
            public void completed(Execution execution) {
                respond(ctx, contentType, scope, execution, kept, since);
            }

            @Override
            public void failed(Execution execution, Throwable unexpected) {
                scope.terminate();
                ctx.fail(unexpected);
            }
        }).start();
    }

    private boolean chosen(RoutingContext ctx) {
        return enabled && !(engineHeader && "smallrye".equalsIgnoreCase(ctx.request().getHeader(ENGINE_HEADER)));
    }

    /**
     * Where a query's whole answer may be kept: not for mutations, nor for a request that asks for fresh data
     * ({@code Cache-Control: no-cache}); null then.
     */
    private ResponseCache.Key keptAnswerKey(OperationPlan plan, ValidatedRequest request) {
        if (!responses.enabled() || plan.serial()
                || !CacheRequest.current().map(cacheRequest -> !cacheRequest.noCache()).orElse(false)) {
            return null;
        }
        return new ResponseCache.Key(request.query(), request.operation().getName(), request.variablesJson());
    }

    private void respond(RoutingContext ctx, String contentType, RequestScope scope, Execution execution,
            ResponseCache.Key kept, long since) {
        try {
            JsonArray warnings = cacheRequests.staleWarnings().orElse(null);
            Buffer body = ResponseJson.write(json, execution.errors(), execution.data(), warnings,
                    execution.plan().responseBytes());
            execution.plan().responseBytes(body.length());
            if (kept != null && execution.errors().isEmpty() && warnings == null) {
                CacheRequest.current().ifPresent(cacheRequest -> responses.keep(kept, body.getBytes(),
                        cacheRequest.dependencies(), since));
            }
            if (!ctx.response().ended()) {
                ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType).setStatusCode(200).end(body);
            }
        } catch (IOException | RuntimeException unwritable) {
            Log.errorf(unwritable, "could not write the response of %s", execution.plan().name());
            ctx.fail(unwritable);
        } finally {
            scope.terminate();
            metrics.record(execution.plan().name(), execution.plan().type(), execution.started(), execution.errors(),
                    execution.data() != null);
        }
    }

    /** The request's plan, compiled on first sight of its document; null when SmallRye must run it. */
    private Planner.Compiled compiled(ValidatedRequest request) {
        boolean cacheable = request.query().length() <= CACHED_DOCUMENT_CHARS;
        PlanKey key = new PlanKey(request.query(), request.operation().getName());
        Object known = cacheable ? plans.getIfPresent(key) : null;
        if (known instanceof Planner.Compiled compiled && !compiled.dependsOnVariables()) {
            return compiled;
        }
        if (known instanceof String) {
            return null;
        }
        try {
            Planner.Compiled compiled = Planner.compile(bindings(), request.document(), request.operation(),
                    request.variables());
            if (cacheable) {
                plans.put(key, compiled);
            }
            return compiled;
        } catch (Planner.Unsupported unsupported) {
            Log.debugf("SmallRye GraphQL runs operation %s: %s", request.operation().getName(), unsupported.getMessage());
            if (cacheable) {
                plans.put(key, unsupported.getMessage());
            }
            return null;
        }
    }

    /** SmallRye builds the schema after this bean exists: bind on first use. */
    private Bindings bindings() {
        Bindings known = bindings;
        if (known == null) {
            synchronized (this) {
                if (bindings == null) {
                    bindings = new Bindings(schemas.get(), models.get());
                }
                known = bindings;
            }
        }
        return known;
    }

    /**
     * The content type SmallRye would answer with (its {@code Accept} handling), or null for what only SmallRye
     * answers: an {@code Accept} it refuses (406) or a charset other than UTF-8.
     */
    private static String responseType(RoutingContext ctx) {
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
