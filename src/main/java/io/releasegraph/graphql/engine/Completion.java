package io.releasegraph.graphql.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLNamedOutputType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;

/** How a resolved value becomes part of the response, by the field's (unwrapped) type. */
sealed interface Completion {

    /**
     * @param nonNull the position is {@code T!}: null there nulls the parent instead
     * @param type the position's full type, for error messages
     */
    record Position(Completion completion, boolean nonNull, GraphQLOutputType type) {
    }

    /** A scalar, serialized by the schema's own coercing. */
    record Scalar(GraphQLScalarType scalar) implements Completion {
    }

    /** An enum value, serialized by the schema's enum type. */
    record Enum(GraphQLEnumType type) implements Completion {
    }

    /** An object of one known type. */
    record Object(ObjectPlan plan) implements Completion {
    }

    /**
     * An interface or union: the object's concrete type decides the plan. The schema's type resolver is asked once per
     * Java class (SmallRye resolves by class name), then remembered.
     */
    record Abstract(GraphQLNamedOutputType type, Map<String, ObjectPlan> byTypeName,
            ConcurrentHashMap<Class<?>, ObjectPlan> byClass) implements Completion {
    }

    /** A list of positions of one kind. */
    record List(Position item) implements Completion {
    }
}
