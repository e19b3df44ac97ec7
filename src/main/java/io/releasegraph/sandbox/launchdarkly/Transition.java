package io.releasegraph.sandbox.launchdarkly;

import io.releasegraph.sandbox.launchdarkly.LdWire.CompletedBy;
import io.releasegraph.sandbox.launchdarkly.LdWire.ReleasePhase;

/** Who moves a phase, and when: one instant, member and id source shared by the phase changes of one request. */
record Transition(long at, CompletedBy by, IdSequence ids) {

    ReleasePhase start(ReleasePhase phase) {
        return phase.start(at, ids::next);
    }

    ReleasePhase complete(ReleasePhase phase) {
        return phase.complete(at, by, ids::next);
    }
}
