package io.releasegraph.provider.trifacta.dto;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The part of the import (and dry-run) answer the gateway uses; the rest is ignored. The import-rule changes and
 * deleted objects stay JSON: seed 001 shows them only empty.
 */
public record TrifactaImportResult(JsonNode importRuleChanges, JsonNode deletedObjects, List<Long> primaryFlowIds,
        List<Flow> flows, TrifactaRelease release) {

    public record Flow(Long id, String name) {
    }
}
