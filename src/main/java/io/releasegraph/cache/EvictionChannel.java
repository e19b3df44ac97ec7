package io.releasegraph.cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;
import io.releasegraph.support.ReplicaChannel;
import io.smallrye.mutiny.Uni;

/**
 * Carries evictions between replicas on the {@link ReplicaChannel} {@value #CHANNEL}: the evicting replica deletes the
 * stored entries itself and notifies the keys, one per line; every other replica drops them from memory.
 */
@ApplicationScoped
public class EvictionChannel {

    static final String CHANNEL = "releasegraph_cache_evict";

    private final ReplicaChannel channel = new ReplicaChannel(CHANNEL, "cache evictions");

    /**
     * Starts listening when PostgreSQL is the store; {@code onEvicted} gets the keys other replicas evicted, and
     * {@code onGap} runs whenever the listener (re)connects, since notifications sent meanwhile are lost.
     */
    void listen(Consumer<List<String>> onEvicted, Runnable onGap) {
        channel.listen(message -> onEvicted.accept(Arrays.asList(message.split("\n"))), onGap);
    }

    void stop(@Observes ShutdownEvent event) {
        channel.stop();
    }

    /** Tells the other replicas; nothing to do on the embedded store. */
    Uni<Void> publish(Collection<CacheKey> keys) {
        return channel.send(batches(keys.stream().map(CacheKey::value).toList()));
    }

    /** The keys, one per line, in as few notifications as fit. */
    private List<String> batches(List<String> keys) {
        List<String> batches = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String key : keys) {
            if (!current.isEmpty()
                    && ReplicaChannel.utf8Length(current + "\n" + key) > channel.maxMessageBytes()) {
                batches.add(current.toString());
                current = new StringBuilder();
            }
            current.append(current.isEmpty() ? "" : "\n").append(key);
        }
        if (!current.isEmpty()) {
            batches.add(current.toString());
        }
        return batches;
    }
}
