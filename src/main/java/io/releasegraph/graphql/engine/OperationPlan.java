package io.releasegraph.graphql.engine;

import graphql.language.OperationDefinition;

/**
 * An operation compiled against the schema: the root object's plan, and whether its root fields run one after
 * another (mutations, as the spec requires) or all at once (queries).
 *
 * @param fieldPlans how many {@link FieldPlan}s the operation has, so an execution can keep per-field state in an array
 */
record OperationPlan(OperationDefinition definition, ObjectPlan root, boolean serial, int fieldPlans) {

    /** The operation's name, or {@code anonymous}. */
    String name() {
        return definition.getName() == null ? "anonymous" : definition.getName();
    }

    /** {@code query} or {@code mutation}. */
    String type() {
        return serial ? "mutation" : "query";
    }
}
