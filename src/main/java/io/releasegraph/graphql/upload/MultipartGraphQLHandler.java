package io.releasegraph.graphql.upload;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.releasegraph.config.GatewayConfig;
import io.releasegraph.graphql.guard.GraphQLErrorResponse;
import io.releasegraph.provider.UploadedFile;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.impl.RoutingContextInternal;

/**
 * The GraphQL multipart request spec on {@code POST /graphql}, which SmallRye GraphQL lacks: parses
 * {@code operations}, {@code map} and the file parts, puts an {@link Upload} token where the map points, and
 * hands SmallRye an ordinary JSON request. Requests that break the spec get a GraphQL error body.
 */
@ApplicationScoped
public class MultipartGraphQLHandler {

    /**
     * Before the GraphQL route, which Quarkus registers without an explicit order (so at 0 and up), and after
     * its own early handlers (CORS, access log, body limits at negative orders near Integer.MIN_VALUE).
     */
    public static final int ORDER = -10;
    private static final long MULTIPART_OVERHEAD = 64 * 1024;

    private final UploadRegistry registry;
    private final ObjectMapper json;
    private final long maxBytes;

    MultipartGraphQLHandler(UploadRegistry registry, ObjectMapper json, GatewayConfig config) {
        this.registry = registry;
        this.json = json;
        this.maxBytes = config.upload().maxBytes();
    }

    void register(@Observes Router router) {
        // Two routes: Vert.x wants a body handler first on its route, and the size check must come before it.
        router.post("/graphql").consumes("multipart/form-data").order(ORDER - 1)
                .handler(this::refuseWhenTooLarge);
        router.post("/graphql").consumes("multipart/form-data").order(ORDER)
                .handler(BodyHandler.create()
                        .setBodyLimit(maxBytes + MULTIPART_OVERHEAD)
                        .setHandleFileUploads(true)
                        .setDeleteUploadedFilesOnEnd(true))
                .handler(this::rewrite)
                .failureHandler(this::tooLargeOrBroken);
    }

    private void refuseWhenTooLarge(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parse(length) > maxBytes + MULTIPART_OVERHEAD) {
            error(ctx, 413, "The upload is larger than the gateway accepts (" + maxBytes + " bytes).");
            return;
        }
        ctx.next();
    }

    private void rewrite(RoutingContext ctx) {
        String operations = ctx.request().getFormAttribute("operations");
        String map = ctx.request().getFormAttribute("map");
        if (operations == null || map == null) {
            error(ctx, 400, "A multipart GraphQL request needs the fields `operations` and `map` before the files.");
            return;
        }
        try {
            JsonNode request = json.readTree(operations);
            JsonNode paths = json.readTree(map);
            if (!(request instanceof ObjectNode) || !(paths instanceof ObjectNode)) {
                error(ctx, 400, "`operations` and `map` must be JSON objects (batched operations are not supported).");
                return;
            }
            List<String> tokens = new ArrayList<>();
            ctx.addEndHandler(done -> tokens.forEach(registry::forget));
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                FileUpload file = ctx.fileUploads().stream().filter(f -> f.name().equals(entry.getKey()))
                        .findFirst().orElse(null);
                if (file == null || !(entry.getValue() instanceof ArrayNode targets)) {
                    error(ctx, 400, "`map` names the file part \"" + entry.getKey() + "\", which the request lacks.");
                    return;
                }
                String token = registry.register(new UploadedFile(file.fileName(), file.contentType(),
                        file.uploadedFileName(), file.size()));
                tokens.add(token);
                for (JsonNode target : targets) {
                    if (!place((ObjectNode) request, target.asText(), token)) {
                        error(ctx, 400, "`map` points at \"" + target.asText()
                                + "\", which is not a variable of the operation.");
                        return;
                    }
                }
            }
            ((RoutingContextInternal) ctx).setBody(Buffer.buffer(json.writeValueAsBytes(request)));
            ctx.request().headers().set(HttpHeaders.CONTENT_TYPE, "application/json");
            ctx.next();
        } catch (JsonProcessingException e) {
            error(ctx, 400, "`operations` and `map` must be JSON.");
        }
    }

    /** Sets {@code variables.a.b} (or {@code variables.list.0}) to the token; only variables may hold files. */
    private static boolean place(ObjectNode request, String path, String token) {
        String[] steps = path.split("\\.");
        if (steps.length < 2 || !"variables".equals(steps[0])) {
            return false;
        }
        JsonNode node = request;
        for (int i = 0; i < steps.length - 1; i++) {
            node = step(node, steps[i]);
            if (node == null) {
                return false;
            }
        }
        String last = steps[steps.length - 1];
        if (node instanceof ObjectNode object && object.has(last)) {
            object.set(last, TextNode.valueOf(token));
            return true;
        }
        if (node instanceof ArrayNode array && isIndex(last) && Integer.parseInt(last) < array.size()) {
            array.set(Integer.parseInt(last), TextNode.valueOf(token));
            return true;
        }
        return false;
    }

    private static JsonNode step(JsonNode node, String step) {
        if (node instanceof ObjectNode object) {
            return object.get(step);
        }
        if (node instanceof ArrayNode array && isIndex(step)) {
            return array.get(Integer.parseInt(step));
        }
        return null;
    }

    private static boolean isIndex(String step) {
        return !step.isEmpty() && step.length() < 7 && step.chars().allMatch(Character::isDigit);
    }

    private void tooLargeOrBroken(RoutingContext ctx) {
        if (ctx.statusCode() == 413) {
            error(ctx, 413, "The upload is larger than the gateway accepts (" + maxBytes + " bytes).");
        } else {
            error(ctx, 400, "The multipart request could not be read.");
        }
    }

    private static long parse(String number) {
        try {
            return Long.parseLong(number.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void error(RoutingContext ctx, int status, String message) {
        GraphQLErrorResponse.send(ctx, status, "VALIDATION", message, Map.of("field", "operations"));
    }
}
