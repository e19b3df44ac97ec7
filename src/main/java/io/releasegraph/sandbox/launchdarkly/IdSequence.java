package io.releasegraph.sandbox.launchdarkly;

/** Deterministic 24-hex ids shaped like LaunchDarkly's, so a reset sandbox hands out the same ids again. */
final class IdSequence {

    private static final String PREFIX = "65f1c0de";

    private long next;

    synchronized String next() {
        return PREFIX + String.format("%016x", ++next);
    }
}
