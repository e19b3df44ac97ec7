package io.releasegraph.health;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.net.NetClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.net.NetClient;

/**
 * Whether an upstream's host accepts TCP connections: the cheapest sign of life that needs no credentials and
 * spends none of the upstream's rate limit. Results are reused for {@code gateway.health.probe-interval}, and
 * concurrent readiness requests share one probe.
 */
@ApplicationScoped
public class ReachabilityProbe {

    /** A probe's answer; {@code failure} says why not, without addresses. */
    public record Result(Instant at, boolean reachable, String failure) {
    }

    private final NetClient client;
    private final Duration interval;
    private final Map<URI, Result> results = new ConcurrentHashMap<>();
    private final Map<URI, Uni<Result>> inFlight = new ConcurrentHashMap<>();

    ReachabilityProbe(Vertx vertx, HealthConfig config) {
        this.client = vertx.createNetClient(new NetClientOptions()
                .setConnectTimeout((int) config.probeTimeout().toMillis()));
        this.interval = config.probeInterval();
    }

    /** The last result for the base URL's host and port while fresh, otherwise a new probe. */
    public Uni<Result> check(URI base) {
        URI target = hostAndPort(base);
        Result last = results.get(target);
        if (last != null && last.at().plus(interval).isAfter(Instant.now())) {
            return Uni.createFrom().item(last);
        }
        return inFlight.computeIfAbsent(target, key -> connect(key)
                .invoke(result -> results.put(key, result))
                .eventually(() -> {
                    // A block, not an expression: remove() returns the Uni, and eventually(Supplier) would wait on it.
                    inFlight.remove(key);
                })
                .memoize().indefinitely());
    }

    private Uni<Result> connect(URI target) {
        return client.connect(target.getPort(), target.getHost())
                .chain(socket -> socket.close())
                .map(closed -> new Result(Instant.now(), true, null))
                .onFailure().recoverWithItem(failure -> new Result(Instant.now(), false,
                        "connect failed: " + failure.getClass().getSimpleName()));
    }

    private static URI hostAndPort(URI base) {
        int port = base.getPort() >= 0 ? base.getPort() : "https".equalsIgnoreCase(base.getScheme()) ? 443 : 80;
        return URI.create("tcp://" + base.getHost() + ":" + port);
    }

    @PreDestroy
    void close() {
        client.closeAndAwait();
    }
}
