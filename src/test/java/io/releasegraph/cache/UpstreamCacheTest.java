package io.releasegraph.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.releasegraph.domain.ReleaseSource;
import io.smallrye.mutiny.Uni;

/** The pass-through seam: a read completes, and once it has, the next read calls the upstream again. */
class UpstreamCacheTest {

    private static final CacheKey KEY = CacheKey.of(ReleaseSource.LAUNCHDARKLY, "test", 1);

    @Test
    void aReadCompletesAndTheNextOneLoadsAgain() {
        UpstreamCache cache = new UpstreamCache();
        AtomicInteger loads = new AtomicInteger();

        for (int i = 1; i <= 2; i++) {
            String value = cache.get(KEY, CacheTypes.of(String.class),
                    () -> Uni.createFrom().item(() -> "value " + loads.incrementAndGet()))
                    .await().atMost(Duration.ofSeconds(5));
            assertThat(value).isEqualTo("value " + i);
        }
    }
}
