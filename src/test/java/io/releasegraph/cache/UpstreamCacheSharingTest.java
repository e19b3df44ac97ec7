package io.releasegraph.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.releasegraph.domain.ReleaseSource;
import io.smallrye.mutiny.Uni;

/** Identical reads in flight share one upstream call; finished reads do not linger. */
class UpstreamCacheSharingTest {

    private final UpstreamCache cache = new UpstreamCache();
    private final CacheKey key = CacheKey.list(ReleaseSource.TRIFACTA, "deployments");

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
    void aFinishedReadIsNotShared() {
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            cache.get(key, CacheTypes.listOf(String.class), () -> Uni.createFrom().item(() -> {
                calls.incrementAndGet();
                return List.of("b");
            })).await().atMost(Duration.ofSeconds(5));
        }
        assertThat(calls).hasValue(2);
    }
}
