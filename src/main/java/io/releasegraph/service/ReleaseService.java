package io.releasegraph.service;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.All;
import io.releasegraph.cache.CacheKey;
import io.releasegraph.cache.CacheRequest;
import io.releasegraph.cache.CacheTypes;
import io.releasegraph.cache.UpstreamCache;
import io.releasegraph.domain.GlobalId;
import io.releasegraph.domain.Node;
import io.releasegraph.domain.Release;
import io.releasegraph.domain.ReleaseFilter;
import io.releasegraph.error.GatewayException;
import io.releasegraph.error.NotFoundException;
import io.releasegraph.provider.ReleaseProvider;
import io.releasegraph.provider.UpstreamFailures;
import io.smallrye.mutiny.Uni;

/**
 * Releases across every upstream: one list, one lookup by global ID. The upstreams are the {@link ReleaseProvider}
 * beans; each one's objects are read by the {@link SourceReads} of its services, else by the provider itself.
 */
@ApplicationScoped
public class ReleaseService {

    /** Newest first across sources; releases without a date go last. */
    private static final Comparator<Release> NEWEST_FIRST = Comparator.comparing(Release::createdAt,
            Comparator.nullsLast(Comparator.reverseOrder()));

    /** Each provider's releases as one cached list. */
    static final String RELEASES = "releases";

    private final List<ReleaseProvider> providers;
    private final List<SourceReads> reads;
    private final UpstreamCache cache;
    private volatile Map<String, ReleaseProvider> byKey;

    ReleaseService(@All List<ReleaseProvider> providers, @All List<SourceReads> reads, UpstreamCache cache) {
        this.providers = providers;
        this.reads = reads;
        this.cache = cache;
    }

    /**
     * What {@link #releases} found: the releases of every source that answered, and one failure per source that
     * did not, so the caller can return the healthy sources' releases with an error for each failed one.
     */
    public record Outcome(List<Release> releases, List<GatewayException> failures, int sourcesAsked) {

        /** True when no source answered, so there is nothing partial to return. */
        public boolean allFailed() {
            return sourcesAsked > 0 && failures.size() == sourcesAsked;
        }
    }

    /** The releases of every wanted source, newest first; a failing source does not fail the others. */
    public Uni<Outcome> releases(ReleaseFilter filter) {
        List<Uni<SourceResult>> calls = providers.stream()
                .filter(provider -> filter.wants(provider.source()))
                .map(provider -> releasesOf(provider)
                        .map(SourceResult::answered)
                        .onFailure().recoverWithItem(failure -> SourceResult.failed(
                                UpstreamFailures.translate(provider, failure))))
                .toList();
        if (calls.isEmpty()) {
            return Uni.createFrom().item(new Outcome(List.of(), List.of(), 0));
        }
        return Uni.join().all(calls).andFailFast().map(results -> new Outcome(
                results.stream().flatMap(result -> result.releases().stream())
                        .filter(filter::matches)
                        .sorted(NEWEST_FIRST)
                        .toList(),
                results.stream().flatMap(result -> result.failure().stream()).toList(),
                results.size()));
    }

    private Uni<List<Release>> releasesOf(ReleaseProvider provider) {
        return readsOf(provider.key()).map(SourceReads::releases).flatMap(Optional::stream).findFirst()
                .orElseGet(() -> cache.get(CacheKey.list(provider.key(), RELEASES), CacheTypes.listOf(Release.class),
                        provider::listReleases));
    }

    private record SourceResult(List<Release> releases, Optional<GatewayException> failure) {
        static SourceResult answered(List<Release> releases) {
            return new SourceResult(releases, Optional.empty());
        }

        static SourceResult failed(GatewayException failure) {
            return new SourceResult(List.of(), Optional.of(failure));
        }
    }

    /**
     * Whether a provider answers for the ID's upstream and the upstream's part fits that provider's ID grammar; any
     * other is not an ID the gateway made, and must not reach an upstream.
     */
    public boolean knows(GlobalId id) {
        ReleaseProvider provider = providersByKey().get(id.source());
        return provider != null && provider.accepts(id);
    }

    /** The release the ID names; NOT_FOUND when there is none. */
    public Uni<Release> release(GlobalId id) {
        return readsOf(id.source()).map(source -> source.release(id)).flatMap(Optional::stream).findFirst()
                .orElseGet(() -> fromProvider(id));
    }

    /** The object the ID names, of any type; NOT_FOUND when there is none. */
    public Uni<Node> node(GlobalId id) {
        return readsOf(id.source()).map(source -> source.node(id)).flatMap(Optional::stream).findFirst()
                .orElseGet(() -> fromProvider(id).map(Node.class::cast));
    }

    /** What no service reads, the provider finds (empty for a type it does not have), past the cache. */
    private Uni<Release> fromProvider(GlobalId id) {
        ReleaseProvider provider = providersByKey().get(id.source());
        if (provider == null) {
            return Uni.createFrom().failure(notFound(id));
        }
        // No cache entry stands for this answer, so the query's whole answer must not be kept.
        CacheRequest.current().ifPresent(CacheRequest::uncacheable);
        return provider.findRelease(id).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    private java.util.stream.Stream<SourceReads> readsOf(String source) {
        return reads.stream().filter(r -> r.source().equals(source));
    }

    private Map<String, ReleaseProvider> providersByKey() {
        Map<String, ReleaseProvider> map = byKey;
        if (map == null) {
            // Built on first use, not in the constructor, so creating this bean does not create every client.
            map = providers.stream().collect(Collectors.toUnmodifiableMap(ReleaseProvider::key, Function.identity()));
            byKey = map;
        }
        return map;
    }

    static NotFoundException notFound(GlobalId id) {
        return new NotFoundException("No release with ID " + id.encoded() + ".");
    }
}
