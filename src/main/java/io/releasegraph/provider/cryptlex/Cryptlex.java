package io.releasegraph.provider.cryptlex;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import io.releasegraph.domain.ProductRelease;
import io.releasegraph.domain.ProductReleaseFilter;
import io.releasegraph.domain.ProductReleaseInput;
import io.releasegraph.domain.ReleaseFile;
import io.releasegraph.provider.ReleaseProvider;
import io.smallrye.mutiny.Uni;

/**
 * What the gateway asks of Cryptlex. Every call goes to Cryptlex; {@code ProductReleaseService} keeps what it reads in
 * the cache. A 404 is an empty {@link Optional}, never an error.
 */
public interface Cryptlex extends ReleaseProvider {

    /** What a webhook said: its event name and, for release events, the release it carried. */
    record WebhookEvent(String event, Optional<ProductRelease> release, Optional<OffsetDateTime> triggeredAt) {
    }

    /** Every release that matches the filter, newest first; Cryptlex applies the filter. */
    Uni<List<ProductRelease>> listReleases(ProductReleaseFilter filter);

    Uni<Optional<ProductRelease>> findProductRelease(String id);

    Uni<Optional<ReleaseFile>> findFile(String id);

    /** PATCH /v3/releases/{id} (seed 003): changes only the fields the input sets; Cryptlex decides what it accepts. */
    Uni<ProductRelease> update(String id, ProductReleaseInput input);

    Uni<ProductRelease> publish(String id);

    /** Reads a webhook body that was already verified; DTOs stay in this package. */
    WebhookEvent readWebhook(byte[] body) throws IOException;
}
