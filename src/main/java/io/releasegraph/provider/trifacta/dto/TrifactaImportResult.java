package io.releasegraph.provider.trifacta.dto;

import java.util.List;

/** The part of the import (and dry-run) answer the gateway uses; the rest is ignored. */
public record TrifactaImportResult(List<Long> primaryFlowIds, List<Flow> flows, TrifactaRelease release) {

    public record Flow(Long id, String name) {
    }
}
