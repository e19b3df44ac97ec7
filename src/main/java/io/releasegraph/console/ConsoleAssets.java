package io.releasegraph.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.releasegraph.support.Sha256;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the release console's files so that a browser revalidates them ({@code Cache-Control: no-cache} with an
 * {@code ETag}, 304 on {@code If-None-Match}): Quarkus' static handler marks every file {@code immutable} for a day,
 * so an upgraded console would not be seen. The files have no content hash in their names, so none of them may be
 * kept unchecked.
 */
@ApplicationScoped
public class ConsoleAssets {

    /** Before Quarkus' static resources. */
    static final int ORDER = -200;

    private record Asset(Buffer body, String contentType, String etag) {
    }

    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=UTF-8",
            "console.js", "text/javascript; charset=UTF-8",
            "console.css", "text/css; charset=UTF-8");

    void register(@Observes Router router) {
        FILES.forEach((file, type) -> {
            Asset asset = load(file, type);
            router.get("/" + file).order(ORDER).handler(ctx -> serve(ctx, asset));
            if (file.equals("index.html")) {
                router.get("/").order(ORDER).handler(ctx -> serve(ctx, asset));
            }
        });
    }

    private static void serve(RoutingContext ctx, Asset asset) {
        ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-cache").putHeader(HttpHeaders.ETAG, asset.etag());
        String known = ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH);
        if (known != null && (known.trim().equals("*") || java.util.Arrays.stream(known.split(","))
                .map(String::trim).map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(asset.etag()::equals))) {
            ctx.response().setStatusCode(304).end();
            return;
        }
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, asset.contentType()).end(asset.body());
    }

    private static Asset load(String file, String contentType) {
        try (InputStream in = ConsoleAssets.class.getClassLoader()
                .getResourceAsStream("META-INF/resources/" + file)) {
            if (in == null) {
                throw new IllegalStateException("the console file " + file + " is missing from the build");
            }
            byte[] bytes = in.readAllBytes();
            return new Asset(Buffer.buffer(bytes), contentType, Sha256.etag(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
