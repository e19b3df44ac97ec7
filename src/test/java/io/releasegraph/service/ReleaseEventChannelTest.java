package io.releasegraph.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.cache.CacheCodec;
import io.releasegraph.domain.EventOrigin;
import io.releasegraph.domain.ProductRelease;
import io.releasegraph.domain.ReleaseEvent;
import io.releasegraph.domain.ReleaseEventType;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.domain.ReleaseStatus;

/**
 * The notification payload of a release event (the two-replica delivery itself is {@code ReplicasIT}): it reads back
 * as the same event on another replica, never on the one that sent it, and stays under PostgreSQL's 8000-byte limit.
 */
@QuarkusTest
class ReleaseEventChannelTest {

    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 4, 20, 0, 0, 0, ZoneOffset.UTC);

    @Inject
    CacheCodec codec;

    @Test
    void anotherReplicaReadsTheSameEventAndTheSenderIgnoresItsOwn() {
        ReleaseEventChannel sender = new ReleaseEventChannel(codec);
        ReleaseEventChannel other = new ReleaseEventChannel(codec);
        ReleaseEvent event = event("Short notes.");

        String payload = sender.payload(event);

        assertThat(other.read(payload)).contains(event);
        assertThat(sender.read(payload)).isEmpty();
    }

    @Test
    void anEventTooLargeForOneNotificationTravelsWithoutItsRelease() {
        ReleaseEventChannel sender = new ReleaseEventChannel(codec);
        ReleaseEvent event = event("é".repeat(9_000));

        String payload = sender.payload(event);

        assertThat(payload.getBytes(StandardCharsets.UTF_8).length).isLessThan(8000);
        ReleaseEvent read = new ReleaseEventChannel(codec).read(payload).orElseThrow();
        assertThat(read.release()).isNull();
        assertThat(read).isEqualTo(new ReleaseEvent(event.type(), event.source(), event.releaseId(), null,
                event.occurredAt(), event.origin()));
    }

    private static ReleaseEvent event(String notes) {
        ProductRelease release = new ProductRelease("UHJvZHVjdFJlbGVhc2U6cjE=", "r1", ReleaseSource.CRYPTLEX,
                "Lumen Studio 2.5.1", ReleaseStatus.DRAFT, AT, AT, "2.5.1", "beta", List.of("windows"), false, false,
                false, notes, "p-1", null, null, List.of(), null, null);
        return new ReleaseEvent(ReleaseEventType.RELEASE_UPDATED, ReleaseSource.CRYPTLEX, release.id(), release, AT,
                EventOrigin.GATEWAY);
    }
}
