package io.releasegraph.domain;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A LaunchDarkly environment, e.g. staging or production.")
public record ReleaseEnvironment(
        @NonNull @Description("The environment's key.") String key,
        @Description("The environment's name.") String name,
        @Description("The colour LaunchDarkly shows it in, as hex RGB without `#` (e.g. F5A623).") String color) {
}
