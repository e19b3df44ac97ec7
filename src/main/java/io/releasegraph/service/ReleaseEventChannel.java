package io.releasegraph.service;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import com.fasterxml.jackson.databind.JavaType;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.runtime.AgroalDataSourceUtil;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.releasegraph.cache.CacheCodec;
import io.releasegraph.cache.CacheTypes;
import io.releasegraph.domain.ReleaseEvent;
import io.releasegraph.support.Blocking;
import io.releasegraph.support.Datasources;

/**
 * Carries release events between replicas with PostgreSQL {@code LISTEN/NOTIFY} on channel {@value #CHANNEL}, the
 * way {@link io.releasegraph.cache.EvictionChannel} carries evictions: the replica where an event happens delivers
 * it to its own subscribers and notifies it; every other replica delivers it to theirs. One pooled connection per
 * replica stays in {@code LISTEN}, polled every {@value #POLL_MILLIS} ms. Events sent while a listener reconnects
 * are lost to it (events are not stored). On the embedded H2 store there is one replica and nothing to carry.
 */
@ApplicationScoped
public class ReleaseEventChannel {

    static final String CHANNEL = "releasegraph_release_events";
    static final int POLL_MILLIS = 200;
    /** PostgreSQL refuses NOTIFY payloads from 8000 bytes on; a larger event travels without its release. */
    static final int MAX_PAYLOAD_BYTES = 7000;
    private static final JavaType EVENT = CacheTypes.of(ReleaseEvent.class);

    /** Tells this replica's own notifications apart from the others': it has delivered those already. */
    private final String replicaId = UUID.randomUUID().toString();
    private final CacheCodec codec;
    private volatile Thread listener;
    private volatile boolean running;

    ReleaseEventChannel(CacheCodec codec) {
        this.codec = codec;
    }

    /** Starts listening when PostgreSQL is the store; {@code onEvent} gets the events of other replicas. */
    synchronized void listen(Consumer<ReleaseEvent> onEvent) {
        Optional<AgroalDataSource> postgresql = AgroalDataSourceUtil.dataSourceIfActive(Datasources.POSTGRESQL);
        if (postgresql.isEmpty() || listener != null) {
            return;
        }
        running = true;
        listener = new Thread(() -> listenLoop(postgresql.get(), onEvent), "releasegraph-event-listener");
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

    /** Tells the other replicas, in the background; nothing to do on the embedded store. */
    void notifyOthers(ReleaseEvent event) {
        Optional<AgroalDataSource> postgresql = AgroalDataSourceUtil.dataSourceIfActive(Datasources.POSTGRESQL);
        if (postgresql.isEmpty()) {
            return;
        }
        String payload = payload(event);
        Blocking.run(() -> {
            try (Connection connection = postgresql.get().getConnection();
                    PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
                notify.setString(1, CHANNEL);
                notify.setString(2, payload);
                notify.execute();
            } catch (SQLException e) {
                // This replica's subscribers have it; the others miss it, as they would during a reconnect.
                Log.warnf("could not notify other replicas of a release event: %s", e.getMessage());
            }
        }).subscribe().with(done -> {
        }, failure -> Log.warnf("could not notify other replicas of a release event: %s", failure.getMessage()));
    }

    /** The replica's ID, a line break, the event as JSON; without its release when that would not fit. */
    String payload(ReleaseEvent event) {
        String payload = replicaId + "\n" + codec.write(event, EVENT);
        if (payload.getBytes(StandardCharsets.UTF_8).length <= MAX_PAYLOAD_BYTES || event.release() == null) {
            return payload;
        }
        ReleaseEvent slim = new ReleaseEvent(event.type(), event.source(), event.releaseId(), null,
                event.occurredAt(), event.origin());
        return replicaId + "\n" + codec.write(slim, EVENT);
    }

    /** The event of another replica's payload; empty for this replica's own or an unreadable one. */
    Optional<ReleaseEvent> read(String payload) {
        int newline = payload.indexOf('\n');
        if (newline < 0 || replicaId.equals(payload.substring(0, newline))) {
            return Optional.empty();
        }
        return codec.read(payload.substring(newline + 1), EVENT).map(ReleaseEvent.class::cast);
    }

    private void listenLoop(AgroalDataSource dataSource, Consumer<ReleaseEvent> onEvent) {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                Log.debugf("listening for release events on %s", CHANNEL);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        read(notification.getParameter()).ifPresent(onEvent);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    Log.warnf("release event listener lost its connection (%s); reconnecting", e.getMessage());
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
