package io.releasegraph.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JavaType;

import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.domain.DeploymentRelease;
import io.releasegraph.domain.FlagRelease;
import io.releasegraph.domain.Release;
import io.releasegraph.domain.LaunchDarklyMember;
import io.releasegraph.domain.ReleaseAudience;
import io.releasegraph.domain.ReleaseAudienceConfiguration;
import io.releasegraph.domain.ReleasePhaseCompleter;
import io.releasegraph.domain.ReleaseEnvironment;
import io.releasegraph.domain.ReleasePhase;
import io.releasegraph.domain.ReleasePhaseStatus;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.domain.ReleaseStatus;
import io.releasegraph.support.CleanSlate;

/**
 * The store level on whichever database is active (H2 here, PostgreSQL in the CI's PostgreSQL run): what goes in as
 * domain records comes back as the same records, a mixed {@code List<Release>} included, with its timestamps.
 */
@QuarkusTest
class CacheStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final OffsetDateTime AT = OffsetDateTime.of(2025, 3, 4, 10, 15, 30, 0, ZoneOffset.UTC);

    @Inject
    CacheStore store;

    @Inject
    CacheCodec codec;

    @Inject
    CleanSlate cleanSlate;

    @BeforeEach
    void empty() {
        cleanSlate.clearCache();
    }

    @Test
    void aMixedReleaseListReadsBackAsTheSameRecords() {
        List<Release> releases = List.of(trifactaRelease(), flagRelease());
        JavaType type = CacheTypes.listOf(Release.class);
        CacheKey key = CacheKey.list(ReleaseSource.TRIFACTA, "releases");

        store.write(key, new CacheStore.Stored(codec.write(releases, type), AT, AT.plusMinutes(1)),
                CacheStore.Snapshot.ABSENT).await().atMost(WAIT);
        CacheStore.Stored stored = store.read(key).await().atMost(WAIT).copy().orElseThrow();

        assertThat(stored.fetchedAt()).isEqualTo(AT);
        assertThat(stored.expiresAt()).isEqualTo(AT.plusMinutes(1));
        assertThat(codec.read(stored.payload(), type)).contains(releases);
    }

    @Test
    void anAbsentObjectIsStoredAsAbsentAndAWriteReplacesTheEntry() {
        JavaType type = CacheTypes.optionalOf(DeploymentRelease.class);
        CacheKey key = CacheKey.of(ReleaseSource.TRIFACTA, "release", 404);

        assertThat(write(key, codec.write(Optional.empty(), type), AT, CacheStore.Snapshot.ABSENT)).isTrue();
        CacheStore.Snapshot first = store.read(key).await().atMost(WAIT);
        assertThat(codec.read(first.copy().orElseThrow().payload(), type)).contains(Optional.empty());

        Validators validators = new Validators("\"r7-v2\"", "Tue, 04 Mar 2025 11:15:30 GMT");
        assertThat(store.write(key, new CacheStore.Stored(codec.write(Optional.of(trifactaRelease()), type),
                AT.plusHours(1), AT.plusHours(2), validators), first.generation()).await().atMost(WAIT)).isTrue();
        CacheStore.Stored replaced = store.read(key).await().atMost(WAIT).copy().orElseThrow();
        assertThat(replaced.fetchedAt()).isEqualTo(AT.plusHours(1));
        assertThat(replaced.validators()).isEqualTo(validators);
        assertThat(codec.read(replaced.payload(), type)).contains(Optional.of(trifactaRelease()));

        store.evict(List.of(key)).await().atMost(WAIT);
        assertThat(store.read(key).await().atMost(WAIT).copy()).isEmpty();
    }

    /** The cross-replica race: a load read the store, another replica evicted, then the load tries to store. */
    @Test
    void aWriteBasedOnAGenerationBeforeAnEvictionIsRefused() {
        JavaType type = CacheTypes.listOf(String.class);
        CacheKey present = CacheKey.of(ReleaseSource.TRIFACTA, "deployment", 7);
        CacheKey absent = CacheKey.of(ReleaseSource.TRIFACTA, "deployment", 8);
        write(present, codec.write(List.of("v1"), type), AT, CacheStore.Snapshot.ABSENT);

        long seenPresent = store.read(present).await().atMost(WAIT).generation();
        long seenAbsent = store.read(absent).await().atMost(WAIT).generation();
        assertThat(seenAbsent).isEqualTo(CacheStore.Snapshot.ABSENT);
        store.evict(List.of(present, absent)).await().atMost(WAIT);

        assertThat(write(present, codec.write(List.of("old"), type), AT, seenPresent)).as("entry evicted since").isFalse();
        assertThat(write(absent, codec.write(List.of("old"), type), AT, seenAbsent)).as("tombstone since").isFalse();
        assertThat(store.read(present).await().atMost(WAIT).copy()).isEmpty();
        assertThat(store.read(absent).await().atMost(WAIT).copy()).isEmpty();

        CacheStore.Snapshot afterEviction = store.read(present).await().atMost(WAIT);
        assertThat(afterEviction.generation()).isGreaterThan(seenPresent);
        assertThat(write(present, codec.write(List.of("v2"), type), AT, afterEviction.generation())).isTrue();
        assertThat(codec.read(store.read(present).await().atMost(WAIT).copy().orElseThrow().payload(), type))
                .contains(List.of("v2"));
    }

    /** Lists cached per filter are evicted all at once, and a load that read one of them before cannot store it. */
    @Test
    void evictingEveryEntryOfAKindTombstonesEachOfItsRowsAndNoOther() {
        JavaType type = CacheTypes.listOf(String.class);
        CacheKey stable = CacheKey.of(ReleaseSource.CRYPTLEX, "productReleases", "channel=stable");
        CacheKey beta = CacheKey.of(ReleaseSource.CRYPTLEX, "productReleases", "channel=beta");
        CacheKey other = CacheKey.of(ReleaseSource.CRYPTLEX, "productRelease", "r-1");
        for (CacheKey key : List.of(stable, beta, other)) {
            write(key, codec.write(List.of("v1"), type), AT, CacheStore.Snapshot.ABSENT);
        }
        long seenBeta = store.read(beta).await().atMost(WAIT).generation();

        store.evict(List.of(CacheKey.every(ReleaseSource.CRYPTLEX, "productReleases"))).await().atMost(WAIT);

        assertThat(store.read(stable).await().atMost(WAIT).copy()).isEmpty();
        assertThat(store.read(beta).await().atMost(WAIT).copy()).isEmpty();
        assertThat(store.read(other).await().atMost(WAIT).copy()).as("another kind").isPresent();
        assertThat(write(beta, codec.write(List.of("old"), type), AT, seenBeta)).as("read before the eviction").isFalse();
    }

    private boolean write(CacheKey key, String payload, OffsetDateTime fetchedAt, long seenGeneration) {
        return store.write(key, new CacheStore.Stored(payload, fetchedAt, fetchedAt.plusMinutes(1)), seenGeneration)
                .await().atMost(WAIT);
    }

    private static DeploymentRelease trifactaRelease() {
        return new DeploymentRelease("RGVwbG95bWVudFJlbGVhc2U6Nw", 7, 2, ReleaseSource.TRIFACTA, "Sales \"Daily\" Load",
                ReleaseStatus.ACTIVE, AT, AT.plusDays(1), "Sales \"Daily\" Load", "0f6c-7", true, 3L, 4L, null);
    }

    private static FlagRelease flagRelease() {
        ReleasePhase phase = new ReleasePhase("phase-1", 0, "Staging", true, true, ReleasePhaseStatus.COMPLETED,
                "completed", AT, AT, AT.plusHours(3), "ops@example.com",
                new ReleasePhaseCompleter(new LaunchDarklyMember("m1", "ops@example.com", "Ops", null, "admin"), null),
                List.of(new ReleaseAudience("a1", "Staging users",
                        new ReleaseEnvironment("staging", "Staging", "F5A623"), "immediate-rollout", false,
                        List.of("beta-testers"), new ReleaseAudienceConfiguration("immediate-rollout", false,
                                List.of("m1"), null, null),
                        "completed", null)));
        return new FlagRelease("RmxhZ1JlbGVhc2U6d2ViLWFwcA", ReleaseSource.LAUNCHDARKLY, "new-checkout-flow",
                ReleaseStatus.IN_PROGRESS, AT, AT.plusHours(3), "web-app", "new-checkout-flow", "standard",
                "Standard rollout", null, "var-1", List.of(phase), 4, null, null);
    }
}
