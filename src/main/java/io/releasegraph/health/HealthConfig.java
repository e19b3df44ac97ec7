package io.releasegraph.health;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How readiness judges the upstreams ({@code gateway.health.*}). */
@ConfigMapping(prefix = "gateway.health")
public interface HealthConfig {

    /**
     * Whether an upstream that is down makes the gateway not ready. Off by default: the gateway still serves
     * cached and partial data without it, and taking every replica out of the Service would serve nothing.
     */
    @WithDefault("false")
    boolean upstreamsAffectReadiness();

    /** How long the outcome of a real call stands for the upstream's state before a probe is needed. */
    @WithDefault("PT1M")
    Duration recentCallWindow();

    /** How long a reachability probe's result is reused, so readiness probes never flood an upstream. */
    @WithDefault("PT30S")
    Duration probeInterval();

    /** How long a reachability probe (a TCP connect to the upstream's host and port) may take. */
    @WithDefault("PT2S")
    Duration probeTimeout();
}
