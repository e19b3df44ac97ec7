package io.releasegraph.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.domain.EventOrigin;
import io.releasegraph.domain.FlagRelease;
import io.releasegraph.domain.ReleaseEvent;
import io.releasegraph.domain.ReleaseEventType;
import io.releasegraph.domain.ReleaseSource;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/** Completing a phase tells {@code releaseEvents} about it, with the release as it is afterwards. */
@QuarkusTest
class LaunchDarklyReleaseEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    FlagReleaseService flagReleases;

    @Inject
    ReleaseEventBus bus;

    @Test
    void completingAPhaseIsReportedOnce() {
        AssertSubscriber<ReleaseEvent> events = bus.events(ReleaseSource.LAUNCHDARKLY).subscribe()
                .withSubscriber(AssertSubscriber.create(10));
        try {
            flagReleases.completePhase("web-app", "new-checkout-flow", new FlagReleaseService.PhaseRef.ByIndex(1), true)
                    .await().atMost(WAIT);

            assertThat(events.getItems()).singleElement().satisfies(event -> {
                assertThat(event.type()).isEqualTo(ReleaseEventType.PHASE_UPDATED);
                assertThat(event.origin()).isEqualTo(EventOrigin.GATEWAY);
                assertThat(((FlagRelease) event.release()).phases().get(1).complete()).isTrue();
            });

            // Asking for what is already so changes nothing upstream and reports nothing.
            flagReleases.completePhase("web-app", "new-checkout-flow", new FlagReleaseService.PhaseRef.ByIndex(1), true)
                    .await().atMost(WAIT);
            assertThat(events.getItems()).hasSize(1);
        } finally {
            events.cancel();
        }
    }
}
