package io.releasegraph.graphql.engine;

import graphql.language.OperationDefinition;

/**
 * An operation compiled against the schema: the root object's plan, and whether its root fields run one after
 * another (mutations, as the spec requires) or all at once (queries).
 * {@code fieldPlans} counts the operation's {@link FieldPlan}s, so an execution can keep per-field state in an array.
 */
final class OperationPlan {

    private final OperationDefinition definition;
    private final ObjectPlan root;
    private final boolean serial;
    private final int fieldPlans;
    /** The last response's size, a hint for the next one's buffer; racy on purpose (any recent size will do). */
    private int responseBytes = 4096;

    OperationPlan(OperationDefinition definition, ObjectPlan root, boolean serial, int fieldPlans) {
        this.definition = definition;
        this.root = root;
        this.serial = serial;
        this.fieldPlans = fieldPlans;
    }

    OperationDefinition definition() {
        return definition;
    }

    ObjectPlan root() {
        return root;
    }

    boolean serial() {
        return serial;
    }

    int fieldPlans() {
        return fieldPlans;
    }

    int responseBytes() {
        return responseBytes;
    }

    void responseBytes(int bytes) {
        responseBytes = bytes;
    }

    /** The operation's name, or {@code anonymous}. */
    String name() {
        return definition.getName() == null ? "anonymous" : definition.getName();
    }

    /** {@code query} or {@code mutation}. */
    String type() {
        return serial ? "mutation" : "query";
    }
}
