package io.releasegraph.provider.trifacta.dto;

/** The body of {@code PATCH /v4/releases/{id}}: only the changed field. */
public record TrifactaReleasePatch(boolean active) {
}
