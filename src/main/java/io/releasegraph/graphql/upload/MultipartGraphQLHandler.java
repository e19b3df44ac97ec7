package io.releasegraph.graphql.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.quarkus.logging.Log;
import io.releasegraph.config.GatewayConfig;
import io.releasegraph.graphql.guard.GraphQLErrorResponse;
import io.releasegraph.provider.UploadedFile;
import io.vertx.core.Vertx;
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
    private static final String REQUEST_DIRECTORY = "graphql-";
    /** Older than any request can be: a directory this old is a leftover of a process that was killed. */
    private static final Duration LEFTOVER_AGE = Duration.ofHours(1);
    private static final int DELETE_ATTEMPTS = 10;

    private final UploadRegistry registry;
    private final ObjectMapper json;
    private final long maxBytes;
    private final int maxParts;
    private final Path directory;

    MultipartGraphQLHandler(UploadRegistry registry, ObjectMapper json, GatewayConfig config) {
        this.registry = registry;
        this.json = json;
        this.maxBytes = config.upload().maxBytes();
        this.maxParts = config.upload().maxParts();
        this.directory = Path.of(config.upload().directory());
    }

    void register(@Observes Router router) {
        deleteLeftovers();
        // Two routes: Vert.x wants a body handler first on its route, and the size check must come before it.
        router.post("/graphql").consumes("multipart/form-data").order(ORDER - 1)
                .handler(this::refuseWhenTooLarge);
        router.post("/graphql").consumes("multipart/form-data").order(ORDER)
                .handler(this::readBody)
                .handler(this::rewrite)
                .failureHandler(this::tooLargeOrBroken);
    }

    /**
     * Parts go to a directory of this request's own, deleted as a whole when the request ends, whatever its outcome:
     * Vert.x's own clean-up misses parts whose file was still being opened when the request failed (more form
     * fields than Netty accepts, a broken body), and a part opened after the directory is gone cannot be created.
     */
    private void readBody(RoutingContext ctx) {
        String requestDirectory = directory.resolve(REQUEST_DIRECTORY + UUID.randomUUID()).toString();
        ctx.addEndHandler(done -> delete(ctx.vertx(), requestDirectory, 1));
        BodyHandler.create(requestDirectory)
                .setBodyLimit(maxBytes + MULTIPART_OVERHEAD)
                .setHandleFileUploads(true)
                .setDeleteUploadedFilesOnEnd(false)
                .handle(ctx);
    }

    private static void delete(Vertx vertx, String requestDirectory, int attempt) {
        vertx.fileSystem().deleteRecursive(requestDirectory, true).onFailure(failure -> {
            if (!Files.exists(Path.of(requestDirectory))) {
                return;
            }
            if (attempt >= DELETE_ATTEMPTS) {
                Log.warnf("Could not delete the upload directory %s: %s", requestDirectory, failure.getMessage());
                return;
            }
            // a part still being written or cleaned up by Vert.x: try again once it settled
            vertx.setTimer(200L * attempt, timer -> delete(vertx, requestDirectory, attempt + 1));
        });
    }

    /** Request directories left by a process that was killed mid-request (at start, before any request). */
    void deleteLeftovers() {
        if (!Files.isDirectory(directory)) {
            return;
        }
        Instant before = Instant.now().minus(LEFTOVER_AGE);
        try (Stream<Path> entries = Files.list(directory)) {
            entries.filter(entry -> entry.getFileName().toString().startsWith(REQUEST_DIRECTORY))
                    .filter(entry -> modifiedBefore(entry, before))
                    .forEach(MultipartGraphQLHandler::deleteTree);
        } catch (IOException | UncheckedIOException e) {
            Log.warnf("Could not clean the upload directory %s: %s", directory, e.getMessage());
        }
    }

    private static boolean modifiedBefore(Path entry, Instant before) {
        try {
            return Files.getLastModifiedTime(entry).toInstant().isBefore(before);
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> tree = Files.walk(root)) {
            tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            Log.warnf("Could not delete %s: %s", root, e.getMessage());
        }
    }

    private void refuseWhenTooLarge(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parse(length) > maxBytes + MULTIPART_OVERHEAD) {
            uploadTooLarge(ctx);
            return;
        }
        ctx.next();
    }

    private void rewrite(RoutingContext ctx) {
        if (ctx.fileUploads().size() > maxParts) {
            tooManyParts(ctx);
            return;
        }
        // The body limit above leaves room for the multipart framing and form fields; the files themselves
        // (streamed to disk, never held in memory) may not exceed max-bytes by a single byte.
        if (ctx.fileUploads().stream().mapToLong(FileUpload::size).sum() > maxBytes) {
            uploadTooLarge(ctx);
            return;
        }
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
            uploadTooLarge(ctx);
        } else if (tooManyFields(ctx.failure())) {
            tooManyParts(ctx);
        } else {
            error(ctx, 400, "The multipart request could not be read.");
        }
    }

    private void uploadTooLarge(RoutingContext ctx) {
        GraphQLErrorResponse.send(ctx, 413, "VALIDATION", "The upload is larger than the gateway accepts (" + maxBytes
                + " bytes, gateway.upload.max-bytes).", Map.of("field", "operations", "limit", "uploadBytes"));
    }

    private void tooManyParts(RoutingContext ctx) {
        GraphQLErrorResponse.send(ctx, 413, "VALIDATION", "A multipart request may carry at most " + maxParts
                + " files.", Map.of("field", "operations", "limit", "parts"));
    }

    /** Netty refuses a body of more form fields than it accepts (its own limit, far above {@code max-parts}). */
    private static boolean tooManyFields(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getSimpleName().equals("TooManyFormFieldsException")) {
                return true;
            }
        }
        return false;
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
