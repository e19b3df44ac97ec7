package io.releasegraph.graphql.guard;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.RoutingContext;

/**
 * A refusal written before SmallRye GraphQL sees the request, shaped like any GraphQL error ({@code errors[0]}
 * with {@code message} and {@code extensions.code}) so that clients handle it like the others.
 */
public final class GraphQLErrorResponse {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GraphQLErrorResponse() {
    }

    /**
     * @param extensions further {@code extensions} entries besides {@code code} (e.g. {@code field}, {@code limit})
     */
    public static void send(RoutingContext ctx, int status, String code, String message, Map<String, ?> extensions) {
        if (ctx.response().ended()) {
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putArray("errors").addObject();
        error.put("message", message);
        ObjectNode ext = error.putObject("extensions").put("code", code);
        extensions.forEach((key, value) -> ext.set(key, JSON.valueToTree(value)));
        // A request error has no `data` entry at all (GraphQL spec, "Response Format"; GraphQL over HTTP).
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
        }
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, responseType(ctx))
                .end(body.toString());
    }

    /**
     * A request error in a well-formed request (the document does not parse, validate or fit the limits, variables
     * do not coerce): GraphQL over HTTP wants 200 when the answer is {@code application/json} (legacy clients read
     * the body, not the status) and 400 when it is {@code application/graphql-response+json}.
     */
    public static void requestError(RoutingContext ctx, String code, String message, Map<String, ?> extensions) {
        send(ctx, responseType(ctx).startsWith(GRAPHQL_RESPONSE) ? 400 : 200, code, message, extensions);
    }

    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";

    /** Set once the request body was read whole: a failure after it is the gateway's fault, not the request's. */
    public static final String BODY_READ = GraphQLErrorResponse.class.getName() + ".bodyRead";

    public static boolean bodyRead(RoutingContext ctx) {
        return ctx.get(BODY_READ) != null;
    }

    /**
     * An unexpected fault: 500 {@code INTERNAL} with a correlation id that is also in the log, next to the stack
     * trace the answer does not carry.
     */
    public static void internal(RoutingContext ctx) {
        String correlationId = UUID.randomUUID().toString();
        Log.errorf(ctx.failure(), "Unexpected failure answering %s %s (correlationId %s)", ctx.request().method(),
                ctx.request().path(), correlationId);
        send(ctx, 500, "INTERNAL", "The gateway failed unexpectedly; quote correlationId " + correlationId
                + " when reporting it.", Map.of("correlationId", correlationId));
    }

    /**
     * {@code application/graphql-response+json} when the client prefers it; {@code application/json} otherwise
     * (also for {@code *}{@code /*} and no {@code Accept}), as GraphQL over HTTP asks.
     */
    static String responseType(RoutingContext ctx) {
        List<MIMEHeader> accepted = ctx.parsedHeaders() == null ? null : ctx.parsedHeaders().accept();
        if (accepted != null) {
            for (MIMEHeader type : accepted) {
                String raw = type.rawValue();
                if (raw.startsWith(GRAPHQL_RESPONSE)) {
                    return GRAPHQL_RESPONSE + "; charset=UTF-8";
                }
                if (raw.startsWith("application/json") || raw.startsWith("*/*")) {
                    break;
                }
            }
        }
        return "application/json; charset=UTF-8";
    }
}
