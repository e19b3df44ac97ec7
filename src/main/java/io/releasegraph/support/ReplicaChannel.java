package io.releasegraph.support;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.runtime.AgroalDataSourceUtil;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * One PostgreSQL {@code LISTEN/NOTIFY} channel between the gateway's replicas: a message sent on one replica reaches
 * the listener of every other one, never its own. One pooled connection per replica stays in {@code LISTEN}, polled
 * every {@value #POLL_MILLIS} ms. Messages sent while a listener reconnects are lost to it (nothing is stored), so the
 * listener is told each time it (re)connects. On the embedded H2 store there is one replica and nothing to carry.
 */
public final class ReplicaChannel {

    public static final int POLL_MILLIS = 200;
    /** PostgreSQL refuses NOTIFY payloads from 8000 bytes on. */
    private static final int MAX_PAYLOAD_BYTES = 7000;

    private final String channel;
    /** What the channel carries, for the log: "cache evictions". */
    private final String carries;
    /** Tells this replica's own notifications apart from the others'. */
    private final String replicaId = UUID.randomUUID().toString();
    private volatile Thread listener;
    private volatile boolean running;

    public ReplicaChannel(String channel, String carries) {
        this.channel = channel;
        this.carries = carries;
    }

    /** The largest message, in UTF-8 bytes, that fits in one notification beside the sender's ID. */
    public int maxMessageBytes() {
        return MAX_PAYLOAD_BYTES - replicaId.length() - 1;
    }

    public static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Starts listening when PostgreSQL is the store; {@code onMessage} gets the messages of other replicas, and
     * {@code onConnected} runs whenever the listener (re)connects.
     */
    public synchronized void listen(Consumer<String> onMessage, Runnable onConnected) {
        Optional<AgroalDataSource> postgresql = AgroalDataSourceUtil.dataSourceIfActive(Datasources.POSTGRESQL);
        if (postgresql.isEmpty() || listener != null) {
            return;
        }
        running = true;
        listener = new Thread(() -> listenLoop(postgresql.get(), onMessage, onConnected), channel + "-listener");
        listener.setDaemon(true);
        listener.start();
    }

    /** Lets the listener leave its poll before the datasource closes under it. */
    public void stop() {
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

    /**
     * Tells the other replicas, each message in its own notification; nothing to do on the embedded store. A failure
     * is logged, not raised: the sender's own work stands and the others miss it, as they would during a reconnect.
     */
    public Uni<Void> send(List<String> messages) {
        Optional<AgroalDataSource> postgresql = AgroalDataSourceUtil.dataSourceIfActive(Datasources.POSTGRESQL);
        if (postgresql.isEmpty() || messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Blocking.run(() -> {
            try (Connection connection = postgresql.get().getConnection();
                    PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
                for (String message : messages) {
                    notify.setString(1, channel);
                    notify.setString(2, payload(message));
                    notify.execute();
                }
            } catch (SQLException e) {
                Log.warnf("could not send %s to other replicas: %s", carries, e.getMessage());
            }
        });
    }

    /** The notification payload: the sender's ID, a line break, the message. */
    public String payload(String message) {
        return replicaId + "\n" + message;
    }

    /** The message of another replica's payload; empty for this replica's own or a malformed one. */
    public Optional<String> message(String payload) {
        int newline = payload.indexOf('\n');
        if (newline < 0 || replicaId.equals(payload.substring(0, newline))) {
            return Optional.empty();
        }
        return Optional.of(payload.substring(newline + 1));
    }

    private void listenLoop(AgroalDataSource dataSource, Consumer<String> onMessage, Runnable onConnected) {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + channel);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                onConnected.run();
                Log.debugf("listening for %s on %s", carries, channel);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications == null) {
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        message(notification.getParameter()).ifPresent(onMessage);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    Log.warnf("listener for %s lost its connection (%s); reconnecting", carries, e.getMessage());
                    pauseBeforeReconnecting();
                }
            }
        }
    }

    private static void pauseBeforeReconnecting() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
