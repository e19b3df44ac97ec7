package io.releasegraph.provider;

import java.util.List;
import java.util.Optional;

import io.releasegraph.domain.GlobalId;
import io.releasegraph.domain.Release;
import io.releasegraph.domain.ReleaseSource;
import io.smallrye.mutiny.Uni;

/** What every upstream offers the cross-source queries ({@code releases}, {@code release}, {@code node}). */
public interface ReleaseProvider {

    ReleaseSource source();

    /** Every release the upstream holds, newest first. */
    Uni<List<Release>> listReleases();

    /** The release or other object the ID names, or empty when the upstream does not have it. */
    Uni<Optional<Release>> findRelease(GlobalId id);
}
