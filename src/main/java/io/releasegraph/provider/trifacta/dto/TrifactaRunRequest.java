package io.releasegraph.provider.trifacta.dto;

import java.util.List;

/** {@code {"runParameters":{"overrides":{"data":[{"key":…,"value":…}]}}}}, as seed 002 shows. */
public record TrifactaRunRequest(RunParameters runParameters) {

    public static TrifactaRunRequest of(List<Override> overrides) {
        return new TrifactaRunRequest(new RunParameters(new Overrides(overrides)));
    }

    public record RunParameters(Overrides overrides) {
    }

    public record Overrides(List<Override> data) {
    }

    public record Override(String key, String value) {
    }
}
