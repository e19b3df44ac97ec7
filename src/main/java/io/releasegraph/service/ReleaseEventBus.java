package io.releasegraph.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;

import io.releasegraph.domain.ReleaseEvent;
import io.releasegraph.domain.ReleaseSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.operators.multi.processors.SerializedProcessor;

/**
 * Carries release events from where they happen (webhooks, the gateway's mutations) to every live
 * {@code releaseEvents} subscription of this process, and through the {@link ReleaseEventChannel} (PostgreSQL
 * LISTEN/NOTIFY) to those of the other replicas. Events are not stored: a subscriber sees what happens while it is
 * subscribed.
 */
@ApplicationScoped
public class ReleaseEventBus {

    /** A subscriber this far behind is too slow to follow; it gets a failure rather than unbounded memory. */
    static final int BUFFER_PER_SUBSCRIBER = 256;

    // serialized(): webhooks and mutations publish from different threads at once.
    private final BroadcastProcessor<ReleaseEvent> processor = BroadcastProcessor.create();
    private final SerializedProcessor<ReleaseEvent, ReleaseEvent> serialized = processor.serialized();
    private final ReleaseEventChannel channel;

    ReleaseEventBus(ReleaseEventChannel channel) {
        this.channel = channel;
    }

    void listenForOtherReplicas(@Observes StartupEvent event) {
        // delivered here only: the replica where it happened has notified everyone already
        channel.listen(serialized::onNext);
    }

    /** An event that happened on this replica: to its subscribers now, and to the other replicas'. */
    public void publish(ReleaseEvent event) {
        serialized.onNext(event);
        channel.notifyOthers(event);
    }

    /** The events of one source from now on, or of every source when {@code source} is null. */
    public Multi<ReleaseEvent> events(ReleaseSource source) {
        return processor.filter(event -> source == null || event.source() == source)
                .onOverflow().buffer(BUFFER_PER_SUBSCRIBER);
    }
}
