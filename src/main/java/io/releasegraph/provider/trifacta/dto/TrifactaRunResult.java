package io.releasegraph.provider.trifacta.dto;

/** One entry of the run answer; {@code id} is the new job group's, {@code jobs} the jobs it created. */
public record TrifactaRunResult(String reason, String sessionId, long id, TrifactaList<TrifactaRef> jobs) {
}
