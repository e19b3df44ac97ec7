package io.releasegraph.service;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.All;
import io.releasegraph.cache.CacheKey;
import io.releasegraph.cache.CacheTypes;
import io.releasegraph.cache.UpstreamCache;
import io.releasegraph.domain.GlobalId;
import io.releasegraph.domain.Release;
import io.releasegraph.domain.ReleaseFilter;
import io.releasegraph.error.NotFoundException;
import io.releasegraph.provider.ReleaseProvider;
import io.smallrye.mutiny.Uni;

/** Releases across every upstream: one list, one lookup by global ID. */
@ApplicationScoped
public class ReleaseService {

    /** Newest first across sources; releases without a date go last. */
    private static final Comparator<Release> NEWEST_FIRST = Comparator.comparing(Release::createdAt,
            Comparator.nullsLast(Comparator.reverseOrder()));

    /** Each provider's releases as one cached list. */
    static final String RELEASES = "releases";

    private final List<ReleaseProvider> providers;
    private final UpstreamCache cache;

    ReleaseService(@All List<ReleaseProvider> providers, UpstreamCache cache) {
        this.providers = providers;
        this.cache = cache;
    }

    public Uni<List<Release>> releases(ReleaseFilter filter) {
        List<Uni<List<Release>>> calls = providers.stream()
                .filter(provider -> filter.wants(provider.source()))
                .map(provider -> cache.get(CacheKey.list(provider.source(), RELEASES), CacheTypes.listOf(Release.class),
                        provider::listReleases))
                .toList();
        if (calls.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(calls).andFailFast().map(lists -> lists.stream()
                .flatMap(List::stream)
                .filter(filter::matches)
                .sorted(NEWEST_FIRST)
                .toList());
    }

    public Uni<Release> release(GlobalId id) {
        Optional<ReleaseProvider> provider = providers.stream().filter(p -> p.source() == id.source()).findFirst();
        if (provider.isEmpty()) {
            return Uni.createFrom().failure(notFound(id));
        }
        return provider.get().findRelease(id).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    private static NotFoundException notFound(GlobalId id) {
        return new NotFoundException("No release with ID " + id.encoded() + ".");
    }
}
