package io.releasegraph.domain;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("What Trifacta's import rules changed in a package (its `importRuleChanges`). Trifacta's documents show "
        + "only empty lists, not the shape of one change, so each change is the JSON value Trifacta sent, as text.")
public record ImportRuleChanges(
        @NonNull @Description("Changes made by object-based import rules (Trifacta's `object` list), each as JSON text.") List<@NonNull String> objectChanges,
        @NonNull @Description("Changes made by value-based import rules (Trifacta's `value` list), each as JSON text.") List<@NonNull String> valueChanges) {
}
