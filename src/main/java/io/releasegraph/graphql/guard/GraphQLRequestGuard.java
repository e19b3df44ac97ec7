package io.releasegraph.graphql.guard;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.Config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.language.OperationDefinition;
import graphql.schema.GraphQLSchema;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.releasegraph.config.GatewayConfig;
import io.releasegraph.error.GatewayException;
import io.releasegraph.error.UnauthenticatedException;
import io.releasegraph.graphql.upload.MultipartGraphQLHandler;
import io.releasegraph.security.CallerAccess;
import io.releasegraph.security.Role;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * What every HTTP request to {@code /graphql} passes before SmallRye GraphQL (or the multipart handler) reads it:
 * <ol>
 * <li>a caller with at least the viewer role, else UNAUTHENTICATED (401) or FORBIDDEN (403), before any body is
 * read, so an anonymous upload never reaches the disk; per-operation roles are {@code AuthorizationInterceptor}'s;</li>
 * <li>a body within {@code gateway.graphql.max-request-bytes} (uploads: {@code gateway.upload.max-bytes});</li>
 * <li>operation names of at most {@link DocumentLimits#MAX_OPERATION_NAME_CHARS} characters, in the document and in
 * {@code operationName} (they become metric tags);</li>
 * <li>a document within the token, alias, depth and complexity limits ({@link DocumentLimits}), valid for the
 * schema and with variables of the right types ({@link DocumentValidation}).</li>
 * </ol>
 * What passes goes on as a {@link ValidatedRequest}.
 * Each refusal is a GraphQL error with {@code extensions.code} and reaches no resolver and no upstream. WebSocket
 * upgrades pass: their caller is checked per operation, from the upgrade header or {@code connection_init}.
 */
@ApplicationScoped
public class GraphQLRequestGuard {

    /** Before the multipart routes ({@link MultipartGraphQLHandler#ORDER} and one less). */
    static final int AUTHENTICATE_ORDER = MultipartGraphQLHandler.ORDER - 10;
    static final int BODY_ORDER = AUTHENTICATE_ORDER + 1;
    /** After the multipart handler turned an upload into a plain JSON request, before SmallRye's route. */
    static final int DOCUMENT_ORDER = MultipartGraphQLHandler.ORDER + 5;
    /** After the document check, in front of both engines: where kept whole answers are given. */
    public static final int ANSWER_ORDER = DOCUMENT_ORDER + 1;
    /** After the kept answers, before SmallRye's route: where the gateway's engine runs what it can. */
    public static final int EXECUTE_ORDER = DOCUMENT_ORDER + 2;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BiConsumer<RoutingContext, Throwable> IGNORE_AUTH_FAILURE = (ctx, failure) -> {
    };

    private static final TypeReference<Map<String, Object>> VARIABLES = new TypeReference<>() {
    };

    private static final int CACHED_DOCUMENT_CHARS = 8 * 1024;

    private final DocumentLimits limits;
    /** Parsed documents are immutable (graphql-java AST), so one can serve every request that sends the same text. */
    private final Cache<String, PreparedDocument> preparedDocuments = Caffeine.newBuilder().maximumSize(500).build();
    private final int maxRequestBytes;
    private final boolean schemaHidden;
    /** Built by SmallRye at start, after this bean: looked up per request. */
    private final Instance<GraphQLSchema> schema;

    GraphQLRequestGuard(GatewayConfig config, Config allConfig, Instance<GraphQLSchema> schema) {
        this.schema = schema;
        GatewayConfig.Graphql graphql = config.graphql();
        this.limits = new DocumentLimits(new DocumentLimits.Limits(graphql.maxDepth(), graphql.maxComplexity(),
                graphql.maxAliases(), graphql.maxTokens()));
        this.maxRequestBytes = graphql.maxRequestBytes();
        // The SDL says what introspection would: hide it along with introspection.
        this.schemaHidden = allConfig.getOptionalValue("quarkus.smallrye-graphql.field-visibility", String.class)
                .filter(value -> value.contains("no-introspection")).isPresent();
    }

    void register(@Observes Router router) {
        router.route("/graphql").order(AUTHENTICATE_ORDER).handler(this::authenticate);
        router.route("/graphql/schema.graphql").order(AUTHENTICATE_ORDER).handler(this::schema);
        BodyHandler body = BodyHandler.create().setBodyLimit(maxRequestBytes).setHandleFileUploads(false);
        router.post("/graphql").order(BODY_ORDER)
                .handler(ctx -> {
                    if (isMultipart(ctx)) {
                        ctx.next();
                    } else if (declaredLength(ctx) > maxRequestBytes) {
                        tooLarge(ctx);
                    } else {
                        body.handle(ctx);
                    }
                })
                .failureHandler(ctx -> {
                    if (isMultipart(ctx) && !GraphQLErrorResponse.bodyRead(ctx)) {
                        ctx.next(); // the multipart handler's own failure handler names the upload limit
                    } else if (ctx.statusCode() == 413) {
                        tooLarge(ctx);
                    } else if (GraphQLErrorResponse.bodyRead(ctx)) {
                        GraphQLErrorResponse.internal(ctx);
                    } else {
                        GraphQLErrorResponse.send(ctx, 400, "VALIDATION", "The request could not be read.",
                                Map.of("field", "body"));
                    }
                });
        router.post("/graphql").order(DOCUMENT_ORDER).handler(this::checkDocument);
    }

    private void authenticate(RoutingContext ctx) {
        // Quarkus's default answer to a bad token is a bare 401 (or a closed socket); the refusal is ours to write.
        ctx.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, IGNORE_AUTH_FAILURE);
        if (ctx.request().method() == HttpMethod.OPTIONS || isUpgrade(ctx)) {
            ctx.next();
            return;
        }
        requireViewer(ctx);
    }

    private void schema(RoutingContext ctx) {
        ctx.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, IGNORE_AUTH_FAILURE);
        if (schemaHidden) {
            ctx.response().setStatusCode(404).end();
            return;
        }
        requireViewer(ctx);
    }

    private void requireViewer(RoutingContext ctx) {
        Context context = Vertx.currentContext();
        ctx.request().pause();
        CallerAccess.check(QuarkusHttpUser.getSecurityIdentity(ctx, null), Role.VIEWER)
                .subscribe().with(
                        caller -> context.runOnContext(done -> ctx.next()),
                        failure -> context.runOnContext(done -> refuse(ctx, failure)));
    }

    private static void refuse(RoutingContext ctx, Throwable failure) {
        GatewayException refusal = failure instanceof GatewayException gateway ? gateway
                : new UnauthenticatedException("The caller could not be authenticated.");
        int status = "FORBIDDEN".equals(refusal.code()) ? 403 : 401;
        GraphQLErrorResponse.send(ctx, status, refusal.code(), refusal.getMessage(), Map.of());
    }

    private void checkDocument(RoutingContext ctx) {
        ctx.put(GraphQLErrorResponse.BODY_READ, Boolean.TRUE);
        Optional<JsonNode> request;
        try {
            request = request(ctx);
        } catch (IOException | IllegalArgumentException unreadable) {
            GraphQLErrorResponse.send(ctx, 400, "VALIDATION",
                    "The request body must be a JSON object with `query` (batched requests are not supported).",
                    Map.of("field", "body"));
            return;
        }
        String contentType = String.valueOf(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE)).toLowerCase();
        if (!contentType.startsWith("application/json") && !(contentType.startsWith("application/graphql")
                && !contentType.startsWith("application/graphql-response"))) {
            GraphQLErrorResponse.send(ctx, 415, "VALIDATION",
                    "A POST to /graphql is application/json (or multipart/form-data for uploads).",
                    Map.of("field", "body"));
            return;
        }
        JsonNode query = request.map(body -> body.get("query")).orElse(null);
        if (query == null || !query.isTextual()) {
            JsonNode extensions = request.map(body -> body.get("extensions")).orElse(null);
            if (query == null && extensions != null && extensions.has("persistedQuery")) {
                ctx.next(); // a persisted query names its document by hash
                return;
            }
            GraphQLErrorResponse.send(ctx, 400, "VALIDATION", "The request needs `query`, a GraphQL document as a string.",
                    Map.of("field", "query"));
            return;
        }
        PreparedDocument prepared = preparedDocument(query.asText());
        if (prepared.checked().refusal() != null) {
            GraphQLErrorResponse.requestError(ctx, "VALIDATION", prepared.checked().refusal().message(),
                    Map.of("field", "query", "limit", prepared.checked().refusal().limit()));
            return;
        }
        if (prepared.invalid() != null) {
            GraphQLErrorResponse.requestError(ctx, "VALIDATION", prepared.invalid().message(),
                    Map.of("field", prepared.invalid().field()));
            return;
        }
        JsonNode operationName = request.get().get("operationName");
        if (operationName != null && operationName.isTextual()
                && operationName.textValue().length() > DocumentLimits.MAX_OPERATION_NAME_CHARS) {
            GraphQLErrorResponse.requestError(ctx, "VALIDATION",
                    DocumentLimits.operationNameTooLong(operationName.textValue()),
                    Map.of("field", "operationName", "limit", "operationName"));
            return;
        }
        JsonNode variables = request.get().get("variables");
        if (variables != null && !variables.isNull() && !variables.isObject()) {
            GraphQLErrorResponse.send(ctx, 400, "VALIDATION", "`variables` must be a JSON object.",
                    Map.of("field", "variables"));
            return;
        }
        DocumentValidation.Outcome outcome = DocumentValidation.prepare(schema.get(), prepared.checked().document(),
                operationName == null || operationName.isNull() ? null : operationName.asText(),
                variables == null || variables.isNull() ? Map.of() : JSON.convertValue(variables, VARIABLES));
        if (outcome.problem() != null) {
            GraphQLErrorResponse.requestError(ctx, "VALIDATION", outcome.problem().message(),
                    Map.of("field", outcome.problem().field()));
            return;
        }
        if (outcome.operation().getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
            GraphQLErrorResponse.requestError(ctx, "VALIDATION", "Subscriptions run over WebSocket on /graphql "
                    + "(graphql-transport-ws), not over an HTTP POST.", Map.of("field", "query"));
            return;
        }
        new ValidatedRequest(query.asText(), prepared.checked().document(), outcome.operation(), outcome.variables(),
                variables == null || variables.isNull() ? "{}" : variables.toString()).attachTo(ctx);
        if (GraphQLErrorResponse.responseType(ctx).startsWith("application/json")) {
            // SmallRye answers */* (or no Accept) with application/graphql-response+json; GraphQL over HTTP wants
            // application/json there, as the gateway's engine answers. The body is the same.
            ctx.addHeadersEndHandler(ignored -> {
                String type = ctx.response().headers().get(HttpHeaders.CONTENT_TYPE);
                if (type != null && type.startsWith("application/graphql-response+json")) {
                    ctx.response().headers().set(HttpHeaders.CONTENT_TYPE, "application/json; charset=UTF-8");
                }
            });
        }
        ctx.next();
    }

    /** A document text parsed, measured and validated: all of it depends on the text alone. */
    private record PreparedDocument(DocumentLimits.Checked checked, DocumentValidation.Problem invalid) {
    }

    /**
     * Clients send the same few documents over and over; parsing, measuring and validating each once (per text) took
     * a fifth of the CPU of a small query. Only documents up to {@link #CACHED_DOCUMENT_CHARS} are kept, so the cache
     * stays small.
     */
    private PreparedDocument preparedDocument(String query) {
        return query.length() > CACHED_DOCUMENT_CHARS ? prepare(query) : preparedDocuments.get(query, this::prepare);
    }

    private PreparedDocument prepare(String query) {
        DocumentLimits.Checked checked = limits.check(query);
        return new PreparedDocument(checked, checked.refusal() != null ? null
                : DocumentValidation.validate(schema.get(), checked.document()).orElse(null));
    }

    /** The POST's request object; a body of {@code application/graphql} is the document itself. */
    private static Optional<JsonNode> request(RoutingContext ctx) throws IOException {
        String body = ctx.body() == null ? null : ctx.body().asString();
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        String contentType = String.valueOf(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
        if (contentType.startsWith("application/graphql") && !contentType.startsWith("application/graphql-response")) {
            return Optional.of(JSON.createObjectNode().put("query", body));
        }
        JsonNode request = JSON.readTree(body);
        if (request == null || !request.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return Optional.of(request);
    }

    private void tooLarge(RoutingContext ctx) {
        GraphQLErrorResponse.send(ctx, 413, "VALIDATION", "The request is larger than the gateway accepts ("
                + maxRequestBytes + " bytes).", Map.of("field", "body", "limit", "bytes"));
    }

    private static boolean isMultipart(RoutingContext ctx) {
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && type.toLowerCase().startsWith("multipart/");
    }

    private static boolean isUpgrade(RoutingContext ctx) {
        return ctx.request().headers().contains(HttpHeaders.UPGRADE, HttpHeaders.WEBSOCKET, true);
    }

    private static long declaredLength(RoutingContext ctx) {
        try {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
