package io.releasegraph.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.support.CleanSlate;
import io.smallrye.mutiny.Uni;

/** Identical reads in flight share one upstream call; a finished read is cached, and an eviction forgets it. */
@QuarkusTest
class UpstreamCacheSharingTest {

    @Inject
    UpstreamCache cache;

    @Inject
    CacheStore store;

    @Inject
    CleanSlate cleanSlate;

    private CacheKey key;

    @BeforeEach
    void coldCache() {
        cleanSlate.clearCache();
        key = CacheKey.of(ReleaseSource.TRIFACTA, "sharingTest", UUID.randomUUID());
    }

    @Test
    void concurrentIdenticalReadsShareOneCall() {
        AtomicInteger calls = new AtomicInteger();
        Uni<List<String>> slow = Uni.createFrom().item(() -> {
            calls.incrementAndGet();
            return List.of("a");
        }).onItem().delayIt().by(Duration.ofMillis(200));

        List<List<String>> results = Uni.join().all(
                cache.get(key, CacheTypes.listOf(String.class), () -> slow),
                cache.get(key, CacheTypes.listOf(String.class), () -> slow),
                cache.get(key, CacheTypes.listOf(String.class), () -> slow)).andFailFast()
                .await().atMost(Duration.ofSeconds(5));

        assertThat(results).containsOnly(List.of("a"));
        assertThat(calls).hasValue(1);
    }

    @Test
    void aFinishedReadIsServedFromTheCacheUntilEvicted() {
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            read(calls);
        }
        assertThat(calls).as("second read from the cache").hasValue(1);

        cache.evict(key).await().atMost(Duration.ofSeconds(5));
        read(calls);
        assertThat(calls).as("read after eviction").hasValue(2);
    }

    /**
     * Another replica changed the object and evicted it while this replica's load was in flight with the old state;
     * that replica's notification has not arrived yet. The old state must not be stored, here or for anyone.
     */
    @Test
    void aLoadThatRacedAnEvictionOnAnotherReplicaStoresNothing() {
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<List<String>> upstream = new CompletableFuture<>();
        Uni<List<String>> racing = cache.get(key, CacheTypes.listOf(String.class), () -> {
            calls.incrementAndGet();
            return Uni.createFrom().completionStage(upstream);
        });
        CompletableFuture<List<String>> answer = racing.subscribeAsCompletionStage();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (calls.get() == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(calls).as("the load reached the upstream").hasValue(1);

        store.evict(List.of(key)).await().atMost(Duration.ofSeconds(5)); // the other replica's eviction, shared store
        upstream.complete(List.of("old"));
        assertThat(answer.join()).as("the caller still gets what it read").containsExactly("old");

        assertThat(store.read(key).await().atMost(Duration.ofSeconds(5)).copy()).as("nothing stored").isEmpty();
        read(calls);
        assertThat(calls).as("the next read goes to the upstream").hasValue(2);
    }

    private void read(AtomicInteger calls) {
        cache.get(key, CacheTypes.listOf(String.class), () -> Uni.createFrom().item(() -> {
            calls.incrementAndGet();
            return List.of("b");
        })).await().atMost(Duration.ofSeconds(5));
    }
}
