package io.releasegraph.graphql.guard;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.http.HttpHeaders;
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
        body.putNull("data");
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
        }
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/graphql-response+json; charset=UTF-8")
                .end(body.toString());
    }
}
