package io.releasegraph.graphql.engine;

import graphql.schema.GraphQLObjectType;

/** The fields selected on one object type, merged by response key and in the order the response lists them. */
final class ObjectPlan {

    final GraphQLObjectType type;
    /** Filled in after construction: a field's plan may refer back to this one through recursion. */
    FieldPlan[] fields;

    ObjectPlan(GraphQLObjectType type) {
        this.type = type;
    }
}
