package io.releasegraph.cache;

import java.time.format.DateTimeFormatter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.cdi.event.AfterExecute;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Ties {@link CacheRequest} to GraphQL HTTP requests: reads {@code Cache-Control} before SmallRye GraphQL runs, and
 * after execution adds {@code extensions.warnings} listing every stale copy served (SmallRye's {@code @AfterExecute}
 * event, {@code quarkus.smallrye-graphql.events.enabled=true}), so a client sees it even without selecting
 * {@code cache { stale }}.
 */
@ApplicationScoped
public class CacheRequests {

    /** Before every other handler of {@code /graphql}, including the multipart upload handler. */
    void onGraphQLRequests(@Observes Router router) {
        router.route("/graphql*").order(Integer.MIN_VALUE).handler(routing -> {
            CacheRequest.attach(CacheRequest.fromHeader(routing.request().getHeader(HttpHeaders.CACHE_CONTROL)));
            routing.next();
        });
    }

    void addStaleWarnings(@Observes @AfterExecute Context context) {
        CacheRequest.current().map(CacheRequest::staleServes).filter(serves -> !serves.isEmpty())
                .ifPresent(serves -> {
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
                    if (context instanceof SmallRyeContext smallRye) {
                        smallRye.addExtension("warnings", warnings.build());
                    }
                });
    }
}
