package io.releasegraph.provider;

import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.ConfigProvider;

import io.releasegraph.domain.GlobalId;
import io.releasegraph.domain.Release;
import io.releasegraph.domain.ReleaseSource;
import io.smallrye.mutiny.Uni;

/**
 * One upstream, as the gateway's cross-source parts see it: {@code releases}, {@code release}, {@code node}, the
 * readiness checks and the start-up report find every provider bean through CDI and ask it, so an upstream added
 * as a bean shows up in all of them. Providers call their upstream only; services read them through the cache.
 */
public interface ReleaseProvider {

    /** What the schema says its releases come from: their {@code source}, and what {@code releases(filter:)} selects. */
    ReleaseSource source();

    /**
     * The provider's own name in the gateway: the first part of its global IDs and cache keys, its configuration
     * ({@code quarkus.rest-client.<key>.*}), its circuit breakers ({@code <key>-<operation>}), its readiness check
     * ({@code upstream <key>}) and {@code extensions.upstream}.
     */
    default String key() {
        return source().key();
    }

    /** The name messages use. */
    default String displayName() {
        return source().displayName();
    }

    /** The upstream's base URL ({@code quarkus.rest-client.<key>.url}); empty when not configured. */
    default Optional<String> baseUrl() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.rest-client." + key() + ".url", String.class);
    }

    /** Where the upstream is, for the start-up report (never credentials); empty leaves it out of the report. */
    default Optional<String> location() {
        return baseUrl().map(url -> (url.contains("/sandbox/" + key()) ? "built-in SANDBOX simulator at "
                : "real service at ") + url);
    }

    /**
     * Whether the ID's upstream part fits this upstream's ID grammar; checked when a global ID is decoded, before any
     * call, so a malformed one is a VALIDATION error. Where the upstream leaves its format open this checks only what
     * is safe in a URL path ({@link PathSegments#isSafe}).
     */
    default boolean accepts(GlobalId id) {
        return PathSegments.isSafe(id.externalId());
    }

    /** Every release the upstream holds, newest first. */
    Uni<List<Release>> listReleases();

    /** The release the ID names, or empty when the upstream does not have it (or it names no release of this upstream). */
    Uni<Optional<Release>> findRelease(GlobalId id);
}
