package io.releasegraph.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.graphql.ExactlyOnceProfile;
import io.releasegraph.support.TrifactaWireMock;

/** The per-deployment run count (V9) agrees with the runs recorded, also when they are recorded at once. */
@QuarkusTest
@TestProfile(ExactlyOnceProfile.class) // shares the boot of RunsHistoryCostTest
@WithTestResource(TrifactaWireMock.class)
class RunCountTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    RunHistory history;

    @Test
    void runsRecordedConcurrentlyOnTwoNewDeploymentsAreAllCounted() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> recorded = LongStream.rangeClosed(1, 60)
                    .mapToObj(id -> pool.submit(() -> history.record(id, id % 2 == 0 ? 20 : 21, List.of(), null)
                            .await().atMost(WAIT)))
                    .<Future<?>>map(future -> future)
                    .toList();
            for (Future<?> future : recorded) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        var counts = history.pages(List.of(20L, 21L, 22L), 1, null).await().atMost(WAIT).counts();
        assertThat(counts).containsEntry(20L, 30L).containsEntry(21L, 30L).doesNotContainKey(22L);
    }

    @Test
    void aJobGroupRecordedAgainIsCountedOnce() {
        history.record(1, 20, List.of(), "key-1").await().atMost(WAIT);
        assertThat(history.adopt(1, 20, List.of(), "key-1").await().atMost(WAIT)).isTrue();
        assertThat(history.adopt(1, 20, List.of(), "key-2").await().atMost(WAIT)).isFalse();

        assertThat(history.pages(List.of(20L), 0, null).await().atMost(WAIT).counts()).containsEntry(20L, 1L);
    }
}
