package io.releasegraph.sandbox.launchdarkly;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.releasegraph.sandbox.launchdarkly.LdWire.EnvironmentSummary;
import io.releasegraph.sandbox.launchdarkly.LdWire.Release;
import io.releasegraph.sandbox.launchdarkly.LdWire.ReleasePipeline;

/** One sandbox project. Mutable, so only {@link LaunchDarklyStore} touches it, under its lock. */
final class ProjectState {

    /** A flag's current release and when it was created (the release shape itself has no creation date). */
    record StoredRelease(long createdAt, Release release) {
    }

    final String key;
    final Map<String, EnvironmentSummary> environments = new LinkedHashMap<>();
    final Map<String, ReleasePipeline> pipelines = new LinkedHashMap<>();
    final Set<String> flags = new LinkedHashSet<>();
    final Map<String, StoredRelease> releases = new LinkedHashMap<>();

    ProjectState(String key) {
        this.key = key;
    }

    EnvironmentSummary environment(String envKey) {
        EnvironmentSummary environment = environments.get(envKey);
        if (environment == null) {
            throw new IllegalArgumentException("No environment " + envKey + " in project " + key);
        }
        return environment;
    }
}
