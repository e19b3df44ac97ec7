package io.releasegraph.provider.launchdarkly.dto;

/**
 * {@code UpdatePhaseStatusInput} for a new pipeline's phase: {@code active} starts it, {@code completed} completes
 * it. The optional {@code audiences} settings are never sent: the gateway keeps what the pipeline configured.
 */
public record LdUpdatePhaseStatusInput(String status) {

    public static final String ACTIVE = "active";
    public static final String COMPLETED = "completed";
}
