package io.releasegraph.service;

import java.util.List;
import java.util.Optional;

import io.releasegraph.domain.GlobalId;
import io.releasegraph.domain.Node;
import io.releasegraph.domain.Release;
import io.releasegraph.error.ValidationException;
import io.smallrye.mutiny.Uni;

/**
 * The reads of one upstream's objects by the service that owns (and evicts) their cache entries. {@link ReleaseService}
 * routes {@code node(id:)}, {@code release(id:)} and the cross-source {@code releases} to them by the ID's upstream;
 * what no service reads goes to the upstream's {@code ReleaseProvider}, so a provider needs no service to show up.
 */
public interface SourceReads {

    /** The key of the provider whose objects these are ({@code ReleaseProvider.key()}). */
    String source();

    /** The release the ID names, through the cache; empty when the ID is not one of a release this service reads. */
    Optional<Uni<Release>> release(GlobalId id);

    /** Any object the ID names, through the cache; empty when this service does not read it. */
    default Optional<Uni<Node>> node(GlobalId id) {
        return release(id).map(release -> release.map(Node.class::cast));
    }

    /** Every release of the upstream, newest first, through the cache; empty to cache the provider's own list. */
    default Optional<Uni<List<Release>>> releases() {
        return Optional.empty();
    }

    /** An ID of a type this service reads whose upstream part is not one the gateway makes. */
    static ValidationException malformed() {
        return new ValidationException("id", "`id` is not a valid ID; use an `id` the gateway returned.");
    }
}
