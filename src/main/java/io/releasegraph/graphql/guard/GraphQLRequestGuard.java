package io.releasegraph.graphql.guard;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.Config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.releasegraph.store.PersistedQueries;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.impl.RoutingContextInternal;

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

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    /** Marks a GET request, and a request that named a persisted query. */
    static final String GET_KEY = GraphQLRequestGuard.class.getName() + ".get";
    static final String PERSISTED_KEY = GraphQLRequestGuard.class.getName() + ".persisted";

    private final DocumentLimits limits;
    /** Parsed documents are immutable (graphql-java AST), so one can serve every request that sends the same text. */
    private final Cache<String, PreparedDocument> preparedDocuments = Caffeine.newBuilder().maximumSize(500).build();
    private final int maxRequestBytes;
    private final boolean schemaHidden;
    /** Built by SmallRye at start, after this bean: looked up per request. */
    private final Instance<GraphQLSchema> schema;

    private final PersistedQueries persistedQueries;
    private final boolean persistedOnly;
    private final long cacheMaxAgeSeconds;

    GraphQLRequestGuard(GatewayConfig config, Config allConfig, Instance<GraphQLSchema> schema,
            PersistedQueries persistedQueries) {
        this.schema = schema;
        this.persistedQueries = persistedQueries;
        this.persistedOnly = config.graphql().persistedOnly();
        GatewayConfig.Graphql graphql = config.graphql();
        this.limits = new DocumentLimits(new DocumentLimits.Limits(graphql.maxDepth(), graphql.maxComplexity(),
                graphql.maxAliases(), graphql.maxTokens()));
        this.maxRequestBytes = graphql.maxRequestBytes();
        this.cacheMaxAgeSeconds = graphql.persistedMaxAge().toSeconds();
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
        router.get("/graphql").order(DOCUMENT_ORDER).handler(this::checkGet);
    }

    /**
     * GraphQL over HTTP's GET: {@code query}, {@code operationName}, {@code variables} and {@code extensions} (both
     * JSON) as URL parameters, for queries only. WebSocket upgrades pass.
     */
    private void checkGet(RoutingContext ctx) {
        if (isUpgrade(ctx)) {
            ctx.next();
            return;
        }
        ObjectNode request = JSON.createObjectNode();
        for (String name : List.of("query", "operationName")) {
            String value = ctx.request().getParam(name);
            if (value != null) {
                request.put(name, value);
            }
        }
        for (String name : List.of("variables", "extensions")) {
            String value = ctx.request().getParam(name);
            if (value == null || value.isBlank()) {
                continue;
            }
            try {
                request.set(name, JSON.readTree(value));
            } catch (IOException unreadable) {
                GraphQLErrorResponse.send(ctx, 400, "VALIDATION", "`" + name + "` must be a JSON object.",
                        Map.of("field", name));
                return;
            }
        }
        ctx.put(GET_KEY, true);
        checkRequest(ctx, request);
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
        if (request.isEmpty() || !request.get().isObject()) {
            missingQuery(ctx);
            return;
        }
        checkRequest(ctx, (ObjectNode) request.get());
    }

    /**
     * Automatic Persisted Queries in Apollo's protocol
     * (https://www.apollographql.com/docs/react/api/link/persisted-queries/#protocol): {@code extensions.persistedQuery}
     * {@code {version: 1, sha256Hash}}; a hash alone runs the document registered under it, or answers
     * {@code PersistedQueryNotFound} (code {@code PERSISTED_QUERY_NOT_FOUND}) so that the client sends the text with
     * the hash, which registers it once checked. With {@code gateway.graphql.persisted-only} only registered documents
     * run, and only an operator registers one.
     */
    private void checkRequest(RoutingContext ctx, ObjectNode request) {
        JsonNode persisted = request.path("extensions").get("persistedQuery");
        JsonNode query = request.get("query");
        boolean hasText = query != null && query.isTextual();
        if (persisted == null) {
            if (persistedOnly && hasText) {
                String text = query.asText();
                whenRegistered(ctx, PersistedQueries.sha256(text),
                        () -> checkText(ctx, request, false), () -> notInList(ctx));
                return;
            }
            checkText(ctx, request, false);
            return;
        }
        JsonNode hash = persisted.get("sha256Hash");
        if (!persisted.isObject() || persisted.path("version").asInt(-1) != 1) {
            GraphQLErrorResponse.send(ctx, 400, "VALIDATION",
                    "Only version 1 of persisted queries is supported (extensions.persistedQuery.version).",
                    Map.of("field", "extensions.persistedQuery.version"));
            return;
        }
        if (hash == null || !hash.isTextual() || !SHA256_HEX.matcher(hash.asText()).matches()) {
            GraphQLErrorResponse.send(ctx, 400, "VALIDATION",
                    "extensions.persistedQuery.sha256Hash must be a SHA-256 in lower-case hex (64 characters).",
                    Map.of("field", "extensions.persistedQuery.sha256Hash"));
            return;
        }
        ctx.put(PERSISTED_KEY, true);
        if (hasText) {
            if (!PersistedQueries.sha256(query.asText()).equals(hash.asText())) {
                GraphQLErrorResponse.send(ctx, 400, "VALIDATION", "provided sha does not match query",
                        Map.of("field", "extensions.persistedQuery.sha256Hash"));
                return;
            }
            if (!persistedOnly) {
                checkText(ctx, request, true);
                return;
            }
            // trusted documents: a registered one runs; an operator may register a new one
            whenRegistered(ctx, hash.asText(), () -> checkText(ctx, request, false), () -> {
                Context context = Vertx.currentContext();
                CallerAccess.check(QuarkusHttpUser.getSecurityIdentity(ctx, null), Role.OPERATOR).subscribe().with(
                        operator -> context.runOnContext(done -> checkText(ctx, request, true)),
                        notOperator -> context.runOnContext(done -> notInList(ctx)));
            });
            return;
        }
        Context context = Vertx.currentContext();
        ctx.request().pause();
        persistedQueries.find(hash.asText()).subscribe().with(found -> context.runOnContext(done -> {
            ctx.request().resume();
            if (found.isEmpty()) {
                ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
                GraphQLErrorResponse.send(ctx, 200, "PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound", Map.of());
                return;
            }
            request.put("query", found.get());
            checkText(ctx, request, false);
        }), failure -> context.runOnContext(done -> ctx.fail(failure)));
    }

    private static void missingQuery(RoutingContext ctx) {
        GraphQLErrorResponse.send(ctx, 400, "VALIDATION", "The request needs `query`, a GraphQL document as a string.",
                Map.of("field", "query"));
    }

    private void whenRegistered(RoutingContext ctx, String hash, Runnable registered, Runnable unknown) {
        Context context = Vertx.currentContext();
        ctx.request().pause();
        persistedQueries.find(hash).subscribe().with(found -> context.runOnContext(done -> {
            ctx.request().resume();
            (found.isPresent() ? registered : unknown).run();
        }), failure -> context.runOnContext(done -> ctx.fail(failure)));
    }

    private static void notInList(RoutingContext ctx) {
        GraphQLErrorResponse.send(ctx, 400, "PERSISTED_QUERY_NOT_IN_LIST",
                "Only registered operations run here (gateway.graphql.persisted-only); send the hash of one.",
                Map.of("field", "query"));
    }

    /** The request as SmallRye's route will read it: the body (POST) or the URL parameters (GET). */
    private static void rewriteForSmallRye(RoutingContext ctx, ObjectNode request) {
        if (Boolean.TRUE.equals(ctx.get(GET_KEY))) {
            // SmallRye's GET decodes each parameter once more after Vert.x did: hand it the text encoded once more
            MultiMap params = ctx.queryParams();
            request.fields().forEachRemaining(field -> params.set(field.getKey(), URLEncoder.encode(
                    field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString(),
                    StandardCharsets.UTF_8)));
            // SmallRye 2.17's GET takes the query text for operationName: leave the name out where the document
            // has only the one operation (a GET of a document of several runs on the compiled engine only)
            ValidatedRequest validated = ValidatedRequest.of(ctx).orElse(null);
            if (validated != null
                    && validated.document().getDefinitionsOfType(OperationDefinition.class).size() == 1) {
                params.remove("operationName");
            }
        } else {
            ((RoutingContextInternal) ctx).setBody(Buffer.buffer(request.toString()));
            ctx.request().headers().set(HttpHeaders.CONTENT_TYPE, "application/json");
        }
    }

    private void checkText(RoutingContext ctx, ObjectNode body, boolean register) {
        JsonNode query = body.get("query");
        if (query == null || !query.isTextual()) {
            missingQuery(ctx);
            return;
        }
        JsonNode operationName = body.get("operationName");
        JsonNode variables = body.get("variables");
        Checked checked = check(query.asText(),
                operationName == null || operationName.isNull() ? null : operationName.asText(), variables);
        if (checked.refusal() != null) {
            if (checked.malformed()) {
                // not a GraphQL request at all: 400 whatever the client accepts
                GraphQLErrorResponse.send(ctx, 400, "VALIDATION", checked.refusal().message(),
                        checked.refusal().details());
            } else {
                GraphQLErrorResponse.requestError(ctx, "VALIDATION", checked.refusal().message(),
                        checked.refusal().details());
            }
            return;
        }
        PreparedDocument prepared = checked.prepared();
        DocumentValidation.Outcome outcome = checked.outcome();
        if (Boolean.TRUE.equals(ctx.get(GET_KEY))
                && outcome.operation().getOperation() != OperationDefinition.Operation.QUERY) {
            ctx.response().putHeader(HttpHeaders.ALLOW, "POST");
            GraphQLErrorResponse.send(ctx, 405, "VALIDATION",
                    "GET runs queries only; send a " + outcome.operation().getOperation().name().toLowerCase()
                            + " with POST.",
                    Map.of("field", "query"));
            return;
        }
        if (outcome.operation().getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
            GraphQLErrorResponse.requestError(ctx, "VALIDATION", "Subscriptions run over WebSocket on /graphql "
                    + "(graphql-transport-ws), not over an HTTP POST.", Map.of("field", "query"));
            return;
        }
        new ValidatedRequest(query.asText(), prepared.checked().document(), outcome.operation(), outcome.variables(),
                variables == null || variables.isNull() ? "{}" : variables.toString()).attachTo(ctx);
        if (Boolean.TRUE.equals(ctx.get(GET_KEY)) || Boolean.TRUE.equals(ctx.get(PERSISTED_KEY))) {
            rewriteForSmallRye(ctx, body);
        }
        if (Boolean.TRUE.equals(ctx.get(GET_KEY)) && Boolean.TRUE.equals(ctx.get(PERSISTED_KEY))) {
            PersistedAnswers.cacheable(ctx, cacheMaxAgeSeconds);
        }
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
        if (!register) {
            ctx.next();
            return;
        }
        Context context = Vertx.currentContext();
        ctx.request().pause();
        persistedQueries.register(query.asText()).subscribe().with(
                done -> context.runOnContext(next -> {
                    ctx.request().resume();
                    ctx.next();
                }),
                failure -> context.runOnContext(next -> ctx.fail(failure)));
    }

    /** Why a document may not run: the message and the error's {@code extensions} (code, field, limit). */
    public record Refusal(String message, Map<String, Object> extensions) {

        /** The extensions but the code: what names the refused part (field, limit). */
        Map<String, Object> details() {
            Map<String, Object> details = new java.util.LinkedHashMap<>(extensions);
            details.remove("code");
            return details;
        }
    }

    /**
     * A document that may run (prepared, validated) or why it may not; {@code malformed} when the request is not a
     * GraphQL request at all (variables that are not an object), which HTTP answers 400 whatever the client accepts.
     */
    private record Checked(Refusal refusal, boolean malformed, PreparedDocument prepared,
            DocumentValidation.Outcome outcome) {
        static Checked refused(String message, String field, String limit) {
            return new Checked(GraphQLRequestGuard.refused(message, field, limit), false, null, null);
        }
    }

    /** The checks every document goes through, however it came: limits, parsing, operation name, variables. */
    private Checked check(String query, String operationName, JsonNode variables) {
        PreparedDocument prepared = preparedDocument(query);
        if (prepared.checked().refusal() != null) {
            return Checked.refused(prepared.checked().refusal().message(), "query",
                    prepared.checked().refusal().limit());
        }
        if (prepared.invalid() != null) {
            return Checked.refused(prepared.invalid().message(), prepared.invalid().field(), null);
        }
        if (operationName != null && operationName.length() > DocumentLimits.MAX_OPERATION_NAME_CHARS) {
            return Checked.refused(DocumentLimits.operationNameTooLong(operationName), "operationName",
                    "operationName");
        }
        if (variables != null && !variables.isNull() && !variables.isObject()) {
            return new Checked(refused("`variables` must be a JSON object.", "variables", null), true, null, null);
        }
        DocumentValidation.Outcome outcome = DocumentValidation.prepare(schema.get(), prepared.checked().document(),
                operationName, variables == null || variables.isNull() ? Map.of() : JSON.convertValue(variables, VARIABLES));
        if (outcome.problem() != null) {
            return Checked.refused(outcome.problem().message(), outcome.problem().field(), null);
        }
        return new Checked(null, false, prepared, outcome);
    }

    /**
     * The checks of {@link #checkDocument} for a document that did not come as a POST (a graphql-transport-ws
     * {@code subscribe}): the same limits, the same validation, the same refusals; empty when it may run.
     */
    public Optional<Refusal> refusal(String query, String operationName, String variablesJson) {
        if (query == null) {
            return Optional.of(refused("`query` is required.", "query", null));
        }
        if (query.length() > maxRequestBytes) {
            return Optional.of(refused("The document is larger than the gateway accepts (" + maxRequestBytes
                    + " bytes).", "query", "bytes"));
        }
        JsonNode variables;
        try {
            variables = variablesJson == null ? null : JSON.readTree(variablesJson);
        } catch (IOException unreadable) {
            return Optional.of(refused("`variables` must be a JSON object.", "variables", null));
        }
        return Optional.ofNullable(check(query, operationName, variables).refusal());
    }

    private static Refusal refused(String message, String field, String limit) {
        Map<String, Object> extensions = new java.util.LinkedHashMap<>();
        extensions.put("code", "VALIDATION");
        extensions.put("field", field);
        if (limit != null) {
            extensions.put("limit", limit);
        }
        return new Refusal(message, extensions);
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
