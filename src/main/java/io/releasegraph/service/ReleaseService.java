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
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.error.GatewayException;
import io.releasegraph.error.NotFoundException;
import io.releasegraph.provider.ReleaseProvider;
import io.releasegraph.provider.UpstreamFailures;
import io.smallrye.mutiny.Uni;

/** Releases across every upstream: one list, one lookup by global ID. */
@ApplicationScoped
public class ReleaseService {

    /** Newest first across sources; releases without a date go last. */
    private static final Comparator<Release> NEWEST_FIRST = Comparator.comparing(Release::createdAt,
            Comparator.nullsLast(Comparator.reverseOrder()));

    /** Each provider's releases as one cached list. */
    static final String RELEASES = "releases";

    static final String PRODUCT_RELEASE = "ProductRelease";
    static final String DEPLOYMENT_RELEASE = "DeploymentRelease";

    private final List<ReleaseProvider> providers;
    private final UpstreamCache cache;
    private final ProductReleaseService productReleases;
    private final DeploymentService deployments;

    ReleaseService(@All List<ReleaseProvider> providers, UpstreamCache cache, ProductReleaseService productReleases,
            DeploymentService deployments) {
        this.providers = providers;
        this.cache = cache;
        this.productReleases = productReleases;
        this.deployments = deployments;
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
                .map(provider -> cache.get(CacheKey.list(provider.source(), RELEASES), CacheTypes.listOf(Release.class),
                        provider::listReleases)
                        .map(SourceResult::answered)
                        .onFailure().recoverWithItem(failure -> SourceResult.failed(
                                UpstreamFailures.translate(provider.source(), failure))))
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

    private record SourceResult(List<Release> releases, Optional<GatewayException> failure) {
        static SourceResult answered(List<Release> releases) {
            return new SourceResult(releases, Optional.empty());
        }

        static SourceResult failed(GatewayException failure) {
            return new SourceResult(List.of(), Optional.of(failure));
        }
    }

    public Uni<Release> release(GlobalId id) {
        if (id.source() == ReleaseSource.CRYPTLEX && PRODUCT_RELEASE.equals(id.type())) {
            // Through the product-release cache entry, the one Cryptlex writes and webhooks evict.
            return productReleases.release(id.externalId()).map(Release.class::cast);
        }
        if (id.source() == ReleaseSource.TRIFACTA && DEPLOYMENT_RELEASE.equals(id.type())) {
            // Through the release cache entry that activation evicts (and revalidates with validators when sent).
            return id.numericId().map(deployments::release).map(release -> release.map(Release.class::cast))
                    .orElseGet(() -> Uni.createFrom().failure(notFound(id)));
        }
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
