package io.releasegraph.graphql;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.releasegraph.provider.RequestDeadline;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Starts each GraphQL request's time budget before anything else runs for it, so that slow upstreams (retries times
 * timeouts) cannot hold one answer longer: an upstream call still waiting at the deadline ends with
 * {@code UPSTREAM_TIMEOUT} and the rest of the answer is sent. A request with an upload (importRelease) gets the longer
 * upload budget, as its own operation timeout is longer. WebSocket connections have none: they live on.
 */
@ApplicationScoped
public class RequestBudget {

    @ConfigMapping(prefix = "gateway.request-budget")
    public interface Config {

        /** Any GraphQL request over HTTP; at least one read's timeout, so that one slow read can still answer. */
        @WithName("default")
        @WithDefault("30s")
        Duration standard();

        /** A multipart request (importRelease): at least {@code trifacta-importRelease}'s own timeout. */
        @WithDefault("75s")
        Duration upload();
    }

    /** Before every other /graphql handler (the WebSocket guard is at -100, authentication after it). */
    static final int ORDER = -150;

    private final Config config;

    RequestBudget(Config config) {
        this.config = config;
    }

    void register(@Observes Router router) {
        router.route("/graphql").order(ORDER).handler(this::start);
    }

    private void start(RoutingContext ctx) {
        String upgrade = ctx.request().getHeader(HttpHeaders.UPGRADE);
        if (upgrade == null || !"websocket".equalsIgnoreCase(upgrade)) {
            String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
            boolean upload = type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
            RequestDeadline.start(upload ? config.upload() : config.standard())
                    .ifPresent(deadline -> ctx.addHeadersEndHandler(answered -> deadline.end()));
        }
        ctx.next();
    }
}
