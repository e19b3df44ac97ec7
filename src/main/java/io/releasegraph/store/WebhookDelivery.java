package io.releasegraph.store;

import java.time.OffsetDateTime;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * A webhook delivery already accepted, remembered until {@link #expiresAt} so a replay is refused on any replica.
 * Table {@code webhook_delivery}; one entity per persistence unit extends it (see {@link RunRecord}).
 */
@MappedSuperclass
public abstract class WebhookDelivery {

    /** Hex SHA-256 of the delivery's signature bytes: the store never holds the signature itself. */
    @Id
    @Column(name = "signature_hash", length = 64)
    public String signatureHash;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;

    @Column(name = "expires_at", nullable = false)
    public OffsetDateTime expiresAt;

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookDelivery delivery && Objects.equals(signatureHash, delivery.signatureHash);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(signatureHash);
    }
}
