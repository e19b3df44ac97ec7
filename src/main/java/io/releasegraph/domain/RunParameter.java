package io.releasegraph.domain;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A parameter override for a run: the flow parameter's name and the string value to use.")
public record RunParameter(
        @NonNull @Description("The flow parameter's name.") String key,
        @NonNull @Description("The value to use for this run.") String value) {
}
