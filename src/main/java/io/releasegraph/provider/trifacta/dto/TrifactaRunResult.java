package io.releasegraph.provider.trifacta.dto;

/** One entry of the run answer; {@code id} is the new job group's. */
public record TrifactaRunResult(String reason, String sessionId, long id) {
}
