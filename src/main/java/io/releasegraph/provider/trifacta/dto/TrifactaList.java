package io.releasegraph.provider.trifacta.dto;

import java.util.List;

/** Trifacta's list envelope: {@code {"data": [...]}}, for top-level lists and to-many embeds alike. */
public record TrifactaList<T>(List<T> data) {

    public List<T> items() {
        return data == null ? List.of() : data;
    }
}
