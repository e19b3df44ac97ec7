package io.releasegraph.graphql.engine;

import java.io.IOException;

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
import io.releasegraph.config.GatewayConfig;
import io.releasegraph.graphql.guard.GraphQLRequestGuard;
import io.releasegraph.graphql.guard.PersistedAnswers;
import io.releasegraph.graphql.guard.ValidatedRequest;
import io.releasegraph.observability.GraphQLMetrics;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
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
 * <p>Everything it takes from SmallRye goes through the {@link SmallRyeAdapter}. Whole answers are kept and
 * answered in front of both engines ({@link ResponseCacheRoute}); the engine only offers the body it wrote.
 *
 * <p>Requests it does not handle (introspection, subscriptions, anything with a fetcher or directive it does not
 * reproduce, an Accept header it does not serve) go on to SmallRye's own route unchanged, so every request gets an
 * answer either way; {@code gateway.graphql.engine=smallrye} sends them all there.
 */
@ApplicationScoped
public class GraphQLEngine {

    /** With {@code gateway.graphql.engine-header}: a request that names SmallRye runs on it. */
    public static final String ENGINE_HEADER = "X-Releasegraph-Engine";

    /** Plans of documents up to this size are kept, as the guard keeps their parsed form. */
    private static final int CACHED_DOCUMENT_CHARS = 8 * 1024;

    private record PlanKey(String query, String operationName) {
    }

    private final Instance<GraphQLSchema> schemas;
    private final SmallRyeAdapter smallRye;
    private final ObjectMapper json;
    private final GraphQLMetrics metrics;
    private final CacheRequests cacheRequests;
    private final CurrentIdentityAssociation identities;
    private final CurrentVertxRequest currentRequest;
    private final boolean enabled;
    private final boolean engineHeader;
    private final Counter compiledRequests;
    private final Counter smallRyeRequests;
    /** A compiled plan, or why the document is left to SmallRye. */
    private final Cache<PlanKey, Object> plans = Caffeine.newBuilder().maximumSize(500).build();
    private volatile Bindings bindings;

    GraphQLEngine(Instance<GraphQLSchema> schemas, SmallRyeAdapter smallRye, ObjectMapper json, GraphQLMetrics metrics,
            CacheRequests cacheRequests, CurrentIdentityAssociation identities, CurrentVertxRequest currentRequest,
            GatewayConfig config, MeterRegistry registry) {
        this.schemas = schemas;
        this.smallRye = smallRye;
        this.json = json;
        this.metrics = metrics;
        this.cacheRequests = cacheRequests;
        this.identities = identities;
        this.currentRequest = currentRequest;
        this.enabled = config.graphql().engine() == GatewayConfig.Graphql.Engine.COMPILED;
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
        router.route("/graphql").method(HttpMethod.GET).method(HttpMethod.POST).order(GraphQLRequestGuard.EXECUTE_ORDER)
                .handler(this::handle);
    }

    GraphQLSchema schema() {
        return bindings().schema();
    }

    private void handle(RoutingContext ctx) {
        ValidatedRequest request = ValidatedRequest.of(ctx).orElse(null);
        String contentType = request == null || !chosen(ctx) ? null : ResponseCacheRoute.responseType(ctx);
        Planner.Compiled compiled = contentType == null ? null : compiled(request);
        if (compiled == null) {
            if (request != null) {
                smallRyeRequests.increment();
            }
            ctx.next();
            return;
        }
        compiledRequests.increment();
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
                respond(ctx, contentType, scope, execution);
            }

            @Override
            public void failed(Execution execution, Throwable unexpected) {
                scope.terminate();
                ctx.fail(unexpected);
            }
        }).start();
    }

    /**
     * A kept answer was sent instead of running the request: it counts for the engine that would have run it, as
     * when the engine kept answers itself (the plan is known by then, so this costs a cache lookup).
     */
    void countKeptAnswer(RoutingContext ctx, ValidatedRequest request) {
        boolean compiled = chosen(ctx) && compiled(request) != null;
        (compiled ? compiledRequests : smallRyeRequests).increment();
    }

    private boolean chosen(RoutingContext ctx) {
        return enabled && !(engineHeader && "smallrye".equalsIgnoreCase(ctx.request().getHeader(ENGINE_HEADER)));
    }

    private void respond(RoutingContext ctx, String contentType, RequestScope scope, Execution execution) {
        try {
            JsonArray warnings = cacheRequests.staleWarnings().orElse(null);
            Buffer body = ResponseJson.write(json, execution.errors(), execution.data(), warnings,
                    execution.plan().responseBytes());
            execution.plan().responseBytes(body.length());
            if (execution.errors().isEmpty() && warnings == null) {
                CacheRequest.current().filter(CacheRequest::answerWanted)
                        .ifPresent(cacheRequest -> cacheRequest.answered(body.getBytes()));
            }
            boolean notModified = execution.errors().isEmpty() && warnings == null
                    && PersistedAnswers.tag(ctx, body.getBytes());
            if (!ctx.response().ended()) {
                if (notModified) {
                    ctx.response().setStatusCode(304).end();
                } else {
                    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType).setStatusCode(200).end(body);
                }
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
                    bindings = new Bindings(schemas.get(), smallRye.model());
                }
                known = bindings;
            }
        }
        return known;
    }
}
