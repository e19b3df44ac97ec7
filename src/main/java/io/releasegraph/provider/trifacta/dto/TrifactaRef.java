package io.releasegraph.provider.trifacta.dto;

/** A reference to another Trifacta object: {@code {"id": n}}. */
public record TrifactaRef(Long id) {
}
