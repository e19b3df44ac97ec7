package io.releasegraph.support;

import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.awaitility.Awaitility;

import io.vertx.ext.web.Router;

/**
 * Every call that reaches a built-in sandbox upstream ({@code /sandbox/...}), as {@code METHOD path?query}, while
 * armed: the route runs before any other, so calls the sandboxes refuse (faults, rate limits) are seen too.
 */
@ApplicationScoped
public class UpstreamCallRecorder {

    private final ConcurrentLinkedQueue<String> calls = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean armed;

    void register(@Observes Router router) {
        router.route("/sandbox/*").order(Integer.MIN_VALUE).handler(ctx -> {
            inFlight.incrementAndGet();
            ctx.addEndHandler(ended -> inFlight.decrementAndGet());
            if (armed) {
                String query = ctx.request().query();
                calls.add(ctx.request().method().name() + " " + ctx.request().path() + (query == null ? "" : "?" + query));
            }
            ctx.next();
        });
    }

    public void start() {
        calls.clear();
        armed = true;
    }

    /**
     * The calls since {@link #start()}, in the order they arrived, once none is in flight: a client may answer
     * before every call it started has come back (a failed fan-out), and those calls belong to it.
     */
    public List<String> stop() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2))
                .until(() -> inFlight.get() == 0);
        armed = false;
        List<String> made = new ArrayList<>(calls);
        calls.clear();
        return made;
    }
}
