package io.releasegraph.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.domain.ReleaseSource;

/**
 * Concurrent loads of one key that was absent all store at once: exactly one insert wins, the others learn it without
 * a unique-key violation (they once failed with one, and with H2 lock timeouts under load).
 */
@QuarkusTest
class CacheUpsertTest {

    private static final OffsetDateTime AT = OffsetDateTime.of(2025, 3, 4, 10, 15, 30, 0, ZoneOffset.UTC);
    private static final int LOADS = 16;

    @Inject
    CacheStore store;

    @Test
    void concurrentFirstWritesOfOneKeyInsertOnceWithoutAViolation() throws Exception {
        CacheKey key = CacheKey.of(ReleaseSource.TRIFACTA, "jobGroup", System.nanoTime());
        ExecutorService loads = Executors.newFixedThreadPool(LOADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < LOADS; i++) {
                String payload = "{\"load\":" + i + "}";
                Callable<Boolean> load = () -> {
                    start.await();
                    // writeNow, not write: a violation must surface here, not be swallowed by a catch
                    return store.writeNow(key, new CacheStore.Stored(payload, AT, AT.plusMinutes(1)),
                            CacheStore.Snapshot.ABSENT);
                };
                results.add(loads.submit(load));
            }
            start.countDown();
            int inserted = 0;
            for (Future<Boolean> result : results) {
                if (result.get(30, TimeUnit.SECONDS)) { // throws if a load failed
                    inserted++;
                }
            }
            assertThat(inserted).isEqualTo(1);
            assertThat(store.readNow(key.value()).copy()).isPresent();
        } finally {
            loads.shutdownNow();
        }
    }
}
