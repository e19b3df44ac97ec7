package io.releasegraph.provider.cryptlex;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.releasegraph.config.GatewayConfig;
import io.releasegraph.domain.GlobalId;
import io.releasegraph.provider.PathSegments;
import io.releasegraph.domain.ProductRelease;
import io.releasegraph.domain.ProductReleaseFilter;
import io.releasegraph.domain.ProductReleaseInput;
import io.releasegraph.domain.Release;
import io.releasegraph.domain.ReleaseFile;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.error.NotFoundException;
import io.releasegraph.provider.Paging;
import io.releasegraph.provider.RateLimitRetry;
import io.releasegraph.provider.OperationGuards;
import io.releasegraph.provider.UpstreamClient;
import io.releasegraph.provider.UpstreamFailures;
import io.releasegraph.provider.UpstreamGuards;
import io.releasegraph.provider.cryptlex.dto.CryptlexRelease;
import io.releasegraph.provider.cryptlex.dto.CryptlexReleaseFile;
import io.releasegraph.provider.cryptlex.dto.CryptlexWebhookEvent;
import io.smallrye.mutiny.Uni;

/**
 * The gateway's only way to Cryptlex Releases: walks pages until an empty one, waits out a 429 within the configured
 * bound, maps wire records to schema records and every failure to the error contract. A 404 becomes an empty
 * {@link Optional} inside the breaker, so it never trips one. Each operation has its guard from {@link UpstreamGuards}
 * (breaker {@code cryptlex-<method>}): reads are retried, writes are not, a 429 aside (refused, so nothing happened
 * upstream), since a PATCH or publish that failed otherwise may have been applied.
 */
@ApplicationScoped
@UpstreamClient
public class CryptlexClient implements Cryptlex {

    private final CryptlexRestClient rest;
    private final ObjectMapper json;
    private final int pageSize;
    private final RateLimitRetry limits;
    private final OperationGuards guards;

    CryptlexClient(@RestClient CryptlexRestClient rest, ObjectMapper json, GatewayConfig config,
            UpstreamGuards guards) {
        this.rest = rest;
        this.json = json;
        this.pageSize = config.cryptlex().pageSize();
        this.limits = new RateLimitRetry(ReleaseSource.CRYPTLEX, config.cryptlex().rateLimit().maxWait(),
                config.cryptlex().rateLimit().maxRetries());
        this.guards = guards.of(ReleaseSource.CRYPTLEX,
                List.of("listReleases", "findProductRelease", "findFile"),
                List.of("update", "publish"));
    }

    @Override
    public ReleaseSource source() {
        return ReleaseSource.CRYPTLEX;
    }

    @Override
    public Uni<List<Release>> listReleases() {
        return listReleases(ProductReleaseFilter.ALL).map(releases -> List.<Release> copyOf(releases));
    }

    /** Every release that matches the filter, newest first; Cryptlex applies the filter. */
    public Uni<List<ProductRelease>> listReleases(ProductReleaseFilter filter) {
        return guards.call("listReleases", () -> Paging.<CryptlexRelease> collect(
                page -> call(() -> rest.listReleases(page + 1, pageSize, filter.productId(), filter.channel(),
                        filter.platform(), filter.published(), filter.isPrivate(), filter.search())),
                List::isEmpty)
                .chain(releases -> releases.isEmpty() ? Uni.createFrom().item(List.<ProductRelease> of())
                        : Uni.join().all(releases.stream().map(this::withAllFiles).toList()).andFailFast())
                .map(releases -> releases.stream().sorted(CryptlexMapper.NEWEST_FIRST).toList()));
    }

    @Override
    public Uni<Optional<Release>> findRelease(GlobalId id) {
        if (!CryptlexMapper.RELEASE.equals(id.type())) {
            return Uni.createFrom().item(Optional.empty());
        }
        return findProductRelease(id.externalId()).map(found -> found.map(Release.class::cast));
    }

    public Uni<Optional<ProductRelease>> findProductRelease(String id) {
        return guards.call("findProductRelease",
                () -> optional(call(() -> rest.getRelease(PathSegments.encode(id))).chain(this::withAllFiles)));
    }

    public Uni<Optional<ReleaseFile>> findFile(String id) {
        return guards.call("findFile", () -> optional(call(() -> rest.getReleaseFile(PathSegments.encode(id))).map(CryptlexMapper::file)));
    }

    /** PATCH /v3/releases/{id} (seed 003): changes only the fields the input sets; Cryptlex decides what it accepts. */
    public Uni<ProductRelease> update(String id, ProductReleaseInput input) {
        return guards.call("update",
                () -> call(() -> rest.updateRelease(PathSegments.encode(id), CryptlexMapper.patch(input))).chain(this::withAllFiles));
    }

    public Uni<ProductRelease> publish(String id) {
        return guards.call("publish", () -> call(() -> rest.publishRelease(PathSegments.encode(id))).chain(this::withAllFiles));
    }

    /** Reads a webhook body that was already verified; DTOs stay in this package. */
    public WebhookEvent readWebhook(byte[] body) throws IOException {
        CryptlexWebhookEvent event = json.readValue(body, CryptlexWebhookEvent.class);
        Optional<ProductRelease> release = Optional.ofNullable(event.data())
                .filter(data -> data.id() != null)
                .map(CryptlexMapper::release);
        return new WebhookEvent(event.event(), release, triggeredAt(event.triggeredAt()));
    }

    /** {@code triggeredAt} when it is an ISO-8601 date-time with an offset; any other string is kept out of it. */
    public static Optional<java.time.OffsetDateTime> triggeredAt(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.OffsetDateTime.parse(value.trim()));
        } catch (java.time.format.DateTimeParseException notADate) {
            return Optional.empty();
        }
    }

    /** The release with every file: the embedded list, or the files list when the embed was cut short. */
    private Uni<ProductRelease> withAllFiles(CryptlexRelease release) {
        List<CryptlexReleaseFile> embedded = release.files();
        boolean complete = embedded != null && (release.totalFiles() == null || embedded.size() >= release.totalFiles());
        if (complete) {
            return Uni.createFrom().item(CryptlexMapper.release(release));
        }
        return Paging.<CryptlexReleaseFile> collect(
                page -> call(() -> rest.listReleaseFiles(release.id(), page + 1, pageSize)), List::isEmpty)
                .map(files -> CryptlexMapper.release(release, files));
    }

    /** One upstream call: failures translated to the contract, a 429 waited out within the bound. */
    private <T> Uni<T> call(Supplier<Uni<T>> call) {
        return limits.call(call::get);
    }

    private static <T> Uni<Optional<T>> optional(Uni<T> call) {
        return call.map(Optional::of).onFailure(NotFoundException.class).recoverWithItem(Optional.empty());
    }
}
