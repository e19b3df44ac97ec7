package io.releasegraph.cache;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.runtime.AgroalDataSourceUtil;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.releasegraph.support.Blocking;
import io.releasegraph.support.Datasources;
import io.smallrye.mutiny.Uni;

/**
 * Carries evictions between replicas with PostgreSQL {@code LISTEN/NOTIFY} on channel {@value #CHANNEL}: the evicting
 * replica deletes the stored entries itself and notifies the keys; every other replica drops them from memory.
 * One pooled connection per replica stays in {@code LISTEN}, polled every {@value #POLL_MILLIS} ms, so an eviction
 * reaches the others well within a second. On the embedded H2 store there is one replica and nothing to carry.
 */
@ApplicationScoped
public class EvictionChannel {

    static final String CHANNEL = "releasegraph_cache_evict";
    static final int POLL_MILLIS = 200;
    /** PostgreSQL refuses NOTIFY payloads from 8000 bytes on; keys go in batches below that. */
    private static final int MAX_PAYLOAD_BYTES = 7000;

    /** Tells this replica's own notifications apart from the others'. */
    private final String replicaId = UUID.randomUUID().toString();
    private volatile Thread listener;
    private volatile boolean running;

    /**
     * Starts listening when PostgreSQL is the store; {@code onEvicted} gets the keys other replicas evicted, and
     * {@code onGap} runs whenever the listener (re)connects, since notifications sent meanwhile are lost.
     */
    synchronized void listen(Consumer<List<String>> onEvicted, Runnable onGap) {
        Optional<AgroalDataSource> postgresql = AgroalDataSourceUtil.dataSourceIfActive(Datasources.POSTGRESQL);
        if (postgresql.isEmpty() || listener != null) {
            return;
        }
        running = true;
        listener = new Thread(() -> listenLoop(postgresql.get(), onEvicted, onGap), "releasegraph-eviction-listener");
        listener.setDaemon(true);
        listener.start();
    }

    /** Lets the listener leave its poll before the datasource closes under it. */
    void stop(@Observes ShutdownEvent event) {
        running = false;
        Thread current = listener;
        if (current != null) {
            try {
                current.join(POLL_MILLIS * 3L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Tells the other replicas; nothing to do on the embedded store. */
    Uni<Void> publish(Collection<CacheKey> keys) {
        Optional<AgroalDataSource> postgresql = AgroalDataSourceUtil.dataSourceIfActive(Datasources.POSTGRESQL);
        if (postgresql.isEmpty() || keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> payloads = payloads(keys.stream().map(CacheKey::value).toList());
        return Blocking.run(() -> {
            try (Connection connection = postgresql.get().getConnection();
                    PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
                for (String payload : payloads) {
                    notify.setString(1, CHANNEL);
                    notify.setString(2, payload);
                    notify.execute();
                }
            } catch (SQLException e) {
                // The local eviction stands; other replicas keep their copies until the TTL ends.
                Log.warnf("could not notify other replicas of a cache eviction: %s", e.getMessage());
            }
        });
    }

    private List<String> payloads(List<String> keys) {
        List<String> payloads = new ArrayList<>();
        StringBuilder current = new StringBuilder(replicaId);
        for (String key : keys) {
            if (current.length() > replicaId.length()
                    && (current + "\n" + key).getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
                payloads.add(current.toString());
                current = new StringBuilder(replicaId);
            }
            current.append('\n').append(key);
        }
        payloads.add(current.toString());
        return payloads;
    }

    private void listenLoop(AgroalDataSource dataSource, Consumer<List<String>> onEvicted, Runnable onGap) {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                onGap.run();
                Log.debugf("listening for cache evictions on %s", CHANNEL);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        List<String> lines = Arrays.asList(notification.getParameter().split("\n"));
                        if (!lines.isEmpty() && !replicaId.equals(lines.get(0))) {
                            onEvicted.accept(lines.subList(1, lines.size()));
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    Log.warnf("cache eviction listener lost its connection (%s); reconnecting", e.getMessage());
                    sleepQuietly();
                }
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
