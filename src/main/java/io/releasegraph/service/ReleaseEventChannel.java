package io.releasegraph.service;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.JavaType;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.releasegraph.cache.CacheCodec;
import io.releasegraph.cache.CacheTypes;
import io.releasegraph.domain.ReleaseEvent;
import io.releasegraph.support.ReplicaChannel;

/**
 * Carries release events between replicas on the {@link ReplicaChannel} {@value #CHANNEL}, the way
 * {@link io.releasegraph.cache.EvictionChannel} carries evictions: the replica where an event happens delivers it to its
 * own subscribers and notifies it as JSON; every other replica delivers it to theirs. Events sent while a listener
 * reconnects are lost to it (events are not stored).
 */
@ApplicationScoped
public class ReleaseEventChannel {

    static final String CHANNEL = "releasegraph_release_events";
    private static final JavaType EVENT = CacheTypes.of(ReleaseEvent.class);

    private final ReplicaChannel channel = new ReplicaChannel(CHANNEL, "release events");
    private final CacheCodec codec;

    ReleaseEventChannel(CacheCodec codec) {
        this.codec = codec;
    }

    /** Starts listening when PostgreSQL is the store; {@code onEvent} gets the events of other replicas. */
    void listen(Consumer<ReleaseEvent> onEvent) {
        channel.listen(message -> event(message).ifPresent(onEvent), () -> {
        });
    }

    void stop(@Observes ShutdownEvent event) {
        channel.stop();
    }

    /** Tells the other replicas, in the background; nothing to do on the embedded store. */
    void notifyOthers(ReleaseEvent event) {
        channel.send(List.of(message(event))).subscribe().with(done -> {
        }, failure -> Log.warnf("could not notify other replicas of a release event: %s", failure.getMessage()));
    }

    /** The notification payload of an event (see {@link #read}). */
    String payload(ReleaseEvent event) {
        return channel.payload(message(event));
    }

    /** The event of another replica's payload; empty for this replica's own or an unreadable one. */
    Optional<ReleaseEvent> read(String payload) {
        return channel.message(payload).flatMap(this::event);
    }

    /** The event as JSON; without its release when that would not fit in one notification. */
    private String message(ReleaseEvent event) {
        String message = codec.write(event, EVENT);
        if (ReplicaChannel.utf8Length(message) <= channel.maxMessageBytes() || event.release() == null) {
            return message;
        }
        ReleaseEvent slim = new ReleaseEvent(event.type(), event.source(), event.releaseId(), null,
                event.occurredAt(), event.origin());
        return codec.write(slim, EVENT);
    }

    private Optional<ReleaseEvent> event(String message) {
        return codec.read(message, EVENT).map(ReleaseEvent.class::cast);
    }
}
