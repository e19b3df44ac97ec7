package io.releasegraph.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.domain.Deployment;
import io.releasegraph.domain.DeploymentRelease;
import io.releasegraph.domain.EventOrigin;
import io.releasegraph.domain.ReleaseEvent;
import io.releasegraph.domain.ReleaseEventType;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.sandbox.trifacta.TrifactaSandboxState;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/** The Trifacta mutations tell {@code releaseEvents} what they changed, against the Trifacta sandbox. */
@QuarkusTest
class TrifactaReleaseEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    DeploymentService deployments;

    @Inject
    RunService runs;

    @Inject
    ReleaseEventBus bus;

    @Inject
    TrifactaSandboxState sandbox;

    private AssertSubscriber<ReleaseEvent> events;

    @BeforeEach
    void subscribe() {
        sandbox.reset();
        events = bus.events(ReleaseSource.TRIFACTA).subscribe().withSubscriber(AssertSubscriber.create(100));
    }

    @AfterEach
    void cancel() {
        events.cancel();
    }

    @Test
    void activationReportsTheNewAndThePreviouslyActiveRelease() {
        Deployment deployment = withActiveAndInactive();
        DeploymentRelease active = deployment.activeRelease().orElseThrow();
        DeploymentRelease inactive = deployment.allReleases().stream().filter(r -> !r.active()).findFirst().orElseThrow();

        deployments.activate(inactive.externalId()).await().atMost(WAIT);

        assertThat(events.getItems()).extracting(ReleaseEvent::type, ReleaseEvent::releaseId, ReleaseEvent::origin)
                .containsExactly(
                        tuple(ReleaseEventType.RELEASE_ACTIVATED, inactive.id(), EventOrigin.GATEWAY),
                        tuple(ReleaseEventType.RELEASE_DEACTIVATED, active.id(), EventOrigin.GATEWAY));
    }

    @Test
    void deactivationAndRunsAreReported() {
        Deployment deployment = withActiveAndInactive();
        DeploymentRelease active = deployment.activeRelease().orElseThrow();

        runs.run(deployment.externalId(), List.of(), null).await().atMost(WAIT);
        deployments.deactivate(active.externalId()).await().atMost(WAIT);

        assertThat(events.getItems()).extracting(ReleaseEvent::type, ReleaseEvent::releaseId).containsExactly(
                tuple(ReleaseEventType.DEPLOYMENT_RUN_STARTED, active.id()),
                tuple(ReleaseEventType.RELEASE_DEACTIVATED, active.id()));
        assertThat(events.getItems().get(1).release()).isNotNull();
    }

    private Deployment withActiveAndInactive() {
        return deployments.deployments().await().atMost(WAIT).stream()
                .filter(d -> d.activeRelease().isPresent() && d.allReleases().stream().anyMatch(r -> !r.active()))
                .findFirst().orElseThrow();
    }
}
