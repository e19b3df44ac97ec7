package io.releasegraph.provider.launchdarkly.dto;

/** One JSON Patch (RFC 6902) operation ({@code PatchOperation}); a legacy release accepts only the one below. */
public record LdPatchOperation(String op, String path, Object value) {

    /** {@code replace /phases/<index>/complete}: marks a legacy release's phase complete or incomplete. */
    public static LdPatchOperation phaseComplete(int index, boolean complete) {
        return new LdPatchOperation("replace", "/phases/" + index + "/complete", complete);
    }
}
