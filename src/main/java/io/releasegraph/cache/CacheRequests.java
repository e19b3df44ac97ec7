package io.releasegraph.cache;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;

import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.spi.EventingService;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Ties {@link CacheRequest} to GraphQL HTTP requests: reads {@code Cache-Control} before SmallRye GraphQL runs, and
 * after execution adds {@code extensions.warnings} listing every stale copy served, so a client sees it even without
 * selecting {@code cache { stale }}. The gateway's engine asks {@link #staleWarnings}; SmallRye calls
 * {@link #afterExecute} through
 * {@link io.releasegraph.observability.GraphQLEventsBridge}: its CDI events
 * ({@code quarkus.smallrye-graphql.events.enabled}) would also fire a CDI event before every field fetch, a tenth of
 * the CPU of a nested query.
 */
@ApplicationScoped
@Named(CacheRequests.BEAN_NAME)
public class CacheRequests implements EventingService {

    public static final String BEAN_NAME = "releasegraphCacheWarnings";

    @Override
    public String getConfigKey() {
        return null;
    }

    private final Clock clock;

    CacheRequests(Clock clock) {
        this.clock = clock;
    }

    /**
     * Before every other handler of {@code /graphql}, including the multipart upload handler. A WebSocket upgrade
     * gets no start time: its operations come later, so the upgrade's moment cannot stand for them.
     */
    void onGraphQLRequests(@Observes Router router) {
        router.route("/graphql*").order(Integer.MIN_VALUE).handler(routing -> {
            String upgrade = routing.request().getHeader(HttpHeaders.UPGRADE);
            Instant begunAt = "websocket".equalsIgnoreCase(upgrade) ? null : clock.instant();
            String cacheControl = routing.request().getHeader(HttpHeaders.CACHE_CONTROL);
            CacheRequest.attach(CacheRequest.fromHeader(cacheControl, begunAt));
            routing.next();
        });
    }

    @Override
    public void afterExecute(Context context) {
        staleWarnings().ifPresent(warnings -> {
            if (context instanceof SmallRyeContext smallRye) {
                smallRye.addExtension("warnings", warnings);
            }
        });
    }

    /** {@code extensions.warnings} for the current request: one entry per stale copy it was served, if any. */
    public Optional<JsonArray> staleWarnings() {
        return CacheRequest.current().map(CacheRequest::staleServes).filter(serves -> !serves.isEmpty())
                .map(serves -> {
                    JsonArrayBuilder warnings = Json.createArrayBuilder();
                    serves.stream().distinct().forEach(serve -> {
                        // formatted as the schema's DateTime is, so it equals the object's cache.fetchedAt
                        String fetchedAt = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(serve.fetchedAt());
                        warnings.add(Json.createObjectBuilder()
                                .add("code", "STALE_DATA")
                                .add("upstream", serve.upstream())
                                .add("kind", serve.kind())
                                .add("fetchedAt", fetchedAt)
                                .add("message", "The upstream " + serve.upstream() + " failed (" + serve.reason()
                                        + "); served the last good copy, fetched at " + fetchedAt + "."));
                    });
                    return warnings.build();
                });
    }
}
