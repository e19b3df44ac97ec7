package io.releasegraph.sandbox.launchdarkly;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.releasegraph.sandbox.launchdarkly.LdWire.Release;
import io.releasegraph.sandbox.launchdarkly.LdWire.ReleasePhase;

/**
 * The JSON Patch subset LaunchDarkly accepts on a legacy release: {@code replace} of
 * {@code /phases/<index>/complete} with a boolean. The vendor text shows {@code /phase/0/complete} once, but that is
 * not a pointer into the Release document, so it is rejected like any other path.
 */
final class LegacyReleasePatch {

    private static final Pattern PHASE_COMPLETE = Pattern.compile("/phases/(0|[1-9][0-9]{0,8})/complete");

    /** One validated operation: mark the phase at {@code index} complete or incomplete. */
    record PhaseCompletion(int index, boolean complete) {
    }

    private LegacyReleasePatch() {
    }

    /** Validates the whole body before anything is applied, so a bad operation anywhere changes nothing. */
    static List<PhaseCompletion> parse(JsonNode body, int phaseCount) {
        if (body == null || !body.isArray()) {
            throw LdApiException.invalidRequest("The patch must be a JSON array of operations");
        }
        if (body.isEmpty()) {
            throw LdApiException.invalidRequest("The patch has no operations");
        }
        List<PhaseCompletion> operations = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            operations.add(parseOne(body.get(i), i, phaseCount));
        }
        return operations;
    }

    private static PhaseCompletion parseOne(JsonNode op, int position, int phaseCount) {
        String where = "Operation " + position + ": ";
        if (!op.isObject()) {
            throw LdApiException.invalidRequest(where + "must be an object {op, path, value}");
        }
        if (!"replace".equals(op.path("op").asText(null))) {
            throw LdApiException.invalidRequest(where + "only op \"replace\" is supported on a release");
        }
        Matcher path = PHASE_COMPLETE.matcher(op.path("path").asText(""));
        if (!op.path("path").isTextual() || !path.matches()) {
            throw LdApiException.invalidRequest(where + "path must be /phases/<index>/complete");
        }
        int index = Integer.parseInt(path.group(1));
        if (index >= phaseCount) {
            throw LdApiException.invalidRequest(
                    where + "phase index " + index + " is out of range (the release has " + phaseCount + " phases)");
        }
        if (!op.path("value").isBoolean()) {
            throw LdApiException.invalidRequest(where + "value must be a boolean");
        }
        return new PhaseCompletion(index, op.get("value").booleanValue());
    }

    /** Applies validated operations in order; returns the new release with {@code _version} bumped once. */
    static Release apply(Release release, List<PhaseCompletion> operations, Transition transition) {
        List<ReleasePhase> phases = new ArrayList<>(release.phases());
        for (PhaseCompletion operation : operations) {
            ReleasePhase phase = phases.get(operation.index());
            // Re-marking a phase as it already is keeps its original dates.
            if (operation.complete() != phase.complete()) {
                phases.set(operation.index(), operation.complete() ? transition.complete(phase) : phase.reopen());
            }
        }
        return release.withPhases(phases);
    }
}
