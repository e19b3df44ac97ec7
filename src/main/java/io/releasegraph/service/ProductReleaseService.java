package io.releasegraph.service;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.releasegraph.cache.CacheKey;
import io.releasegraph.cache.CacheTypes;
import io.releasegraph.cache.UpstreamCache;
import io.releasegraph.domain.EventOrigin;
import io.releasegraph.domain.GlobalId;
import io.releasegraph.domain.Node;
import io.releasegraph.domain.ProductRelease;
import io.releasegraph.domain.ProductReleaseFilter;
import io.releasegraph.domain.ProductReleaseInput;
import io.releasegraph.domain.Release;
import io.releasegraph.domain.ReleaseEvent;
import io.releasegraph.domain.ReleaseEventType;
import io.releasegraph.domain.ReleaseFile;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.error.NotFoundException;
import io.releasegraph.error.ValidationException;
import io.releasegraph.provider.cryptlex.Cryptlex;
import io.smallrye.mutiny.Uni;

/** Cryptlex product releases and their files: reads, edits, publishing, and what Cryptlex's webhooks report. */
@ApplicationScoped
public class ProductReleaseService implements SourceReads {

    static final String RELEASE = "productRelease";
    static final String FILE = "releaseFile";
    /** Filtered lists, one entry per filter; {@link #evictRelease} drops every one of them. */
    static final String FILTERED_LISTS = "productReleases";
    /** Schema types in Cryptlex's global IDs. */
    static final String PRODUCT_RELEASE_TYPE = "ProductRelease";
    static final String RELEASE_FILE_TYPE = "ReleaseFile";

    private final Cryptlex cryptlex;
    private final UpstreamCache cache;
    private final ReleaseEventBus events;

    ProductReleaseService(Cryptlex cryptlex, UpstreamCache cache, ReleaseEventBus events) {
        this.cryptlex = cryptlex;
        this.cache = cache;
        this.events = events;
    }

    @Override
    public String source() {
        return ReleaseSource.CRYPTLEX.key();
    }

    /** Through the product-release cache entry, the one Cryptlex writes and webhooks evict. */
    @Override
    public Optional<Uni<Release>> release(GlobalId id) {
        if (!PRODUCT_RELEASE_TYPE.equals(id.type())) {
            return Optional.empty();
        }
        return Optional.of(release(id.externalId()).map(Release.class::cast));
    }

    @Override
    public Optional<Uni<Node>> node(GlobalId id) {
        if (!RELEASE_FILE_TYPE.equals(id.type())) {
            return SourceReads.super.node(id);
        }
        return Optional.of(file(id.externalId()).map(Node.class::cast));
    }

    public Uni<List<ProductRelease>> releases(ProductReleaseFilter filter) {
        return cache.get(CacheKey.of(ReleaseSource.CRYPTLEX, FILTERED_LISTS, filter.canonical()),
                CacheTypes.listOf(ProductRelease.class), () -> cryptlex.listReleases(filter));
    }

    public Uni<ProductRelease> release(String id) {
        return find(id).map(found -> found.orElseThrow(() -> notFound("product release", id)));
    }

    private Uni<Optional<ProductRelease>> find(String id) {
        return cache.get(CacheKey.of(ReleaseSource.CRYPTLEX, RELEASE, id), CacheTypes.optionalOf(ProductRelease.class),
                () -> cryptlex.findProductRelease(id));
    }

    public Uni<ReleaseFile> file(String id) {
        return cache.get(CacheKey.of(ReleaseSource.CRYPTLEX, FILE, id), CacheTypes.optionalOf(ReleaseFile.class),
                () -> cryptlex.findFile(id))
                .map(found -> found.orElseThrow(() -> notFound("release file", id)));
    }

    /**
     * Changes the fields the input sets. Seed 003 states no rule about published releases, so the edit always goes to
     * Cryptlex and its answer decides (a refusal is CONFLICT or VALIDATION with Cryptlex's code and message).
     */
    public Uni<ProductRelease> update(String id, ProductReleaseInput input) {
        return cryptlex.update(id, input)
                .call(this::evictRelease)
                .invoke(updated -> events.publish(ReleaseEvent.byGateway(ReleaseEventType.RELEASE_UPDATED, updated)));
    }

    /** Publishes the release; whether an already published one may be published again is Cryptlex's to answer. */
    public Uni<ProductRelease> publish(String id) {
        return cryptlex.publish(id)
                .call(this::evictRelease)
                .invoke(published -> events.publish(ReleaseEvent.byGateway(ReleaseEventType.RELEASE_PUBLISHED, published)));
    }

    /** A verified webhook body, read; {@link ValidationException} when it is not a webhook event. */
    public Cryptlex.WebhookEvent readWebhook(byte[] body) {
        try {
            return cryptlex.readWebhook(body);
        } catch (IOException e) {
            throw new ValidationException("body", "The body is not a Cryptlex webhook event.");
        }
    }

    /**
     * A verified {@code release.updated} webhook: the release changed in Cryptlex (by us or anyone else), so the
     * cached copies go and subscribers hear of it. Answers false for other events. The caller has verified the
     * signature and refused replays.
     */
    public Uni<Boolean> webhookReceived(Cryptlex.WebhookEvent event) {
        if (!"release.updated".equals(event.event()) || event.release().isEmpty()) {
            return Uni.createFrom().item(false);
        }
        ProductRelease release = event.release().get();
        OffsetDateTime at = event.triggeredAt().orElseGet(() -> OffsetDateTime.now(ZoneOffset.UTC));
        return evictRelease(release).invoke(() -> events.publish(new ReleaseEvent(
                ReleaseEventType.RELEASE_UPDATED, ReleaseSource.CRYPTLEX, release.id(), release, at,
                EventOrigin.WEBHOOK))).replaceWith(true);
    }

    /**
     * A change to one release touches that release, its files (their {@code published} flag follows it), the
     * cross-source list and the filtered product-release lists. Filtered lists are keyed by filter, so the list key
     * of their kind stands for all of them: the cache must drop every entry of that kind.
     */
    private Uni<Void> evictRelease(ProductRelease release) {
        List<CacheKey> keys = new ArrayList<>(List.of(
                CacheKey.of(ReleaseSource.CRYPTLEX, RELEASE, release.externalId()),
                CacheKey.list(ReleaseSource.CRYPTLEX, ReleaseService.RELEASES),
                CacheKey.every(ReleaseSource.CRYPTLEX, FILTERED_LISTS)));
        release.files().forEach(file -> keys.add(CacheKey.of(ReleaseSource.CRYPTLEX, FILE, file.externalId())));
        return cache.evict(keys.toArray(CacheKey[]::new));
    }

    static NotFoundException notFound(String what, String id) {
        return new NotFoundException("Cryptlex has no " + what + " " + id + ".", ReleaseSource.CRYPTLEX.key(), 404, null);
    }
}
