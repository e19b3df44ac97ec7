package io.releasegraph.graphql;

import java.util.List;
import java.util.function.Function;

import io.releasegraph.domain.Release;
import io.releasegraph.error.PartialResultException;
import io.releasegraph.service.ReleaseService;
import io.smallrye.mutiny.Uni;

/** Turns a fan-out's outcome into GraphQL's answer: data, data plus an error per failed source, or only the error. */
final class PartialResults {

    private PartialResults() {
    }

    static <T> Uni<T> of(ReleaseService.Outcome outcome, Function<List<Release>, T> toData) {
        if (outcome.failures().isEmpty()) {
            return Uni.createFrom().item(() -> toData.apply(outcome.releases()));
        }
        if (outcome.allFailed()) {
            return Uni.createFrom().failure(outcome.failures().get(0));
        }
        return Uni.createFrom().failure(() -> PartialResultException.of(outcome.failures(), toData.apply(outcome.releases())));
    }
}
