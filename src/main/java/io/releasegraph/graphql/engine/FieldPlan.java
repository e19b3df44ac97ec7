package io.releasegraph.graphql.engine;

import java.util.Map;

import graphql.execution.MergedField;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;

/**
 * One field of an {@link ObjectPlan}: how its value is obtained ({@link Resolver}) and turned into the response
 * ({@link Completion.Position}).
 *
 * @param id index of this plan within its operation, for per-execution state (argument values)
 * @param key the response key (alias or name), encoded as {@code "key":} for the JSON writer
 * @param constantArguments the coerced argument values when they use no variables, else null (computed per execution)
 */
record FieldPlan(int id, String responseKey, byte[] key, MergedField field, GraphQLObjectType parentType,
        GraphQLFieldDefinition definition, Resolver resolver, Completion.Position position,
        Map<String, Object> constantArguments) {

    GraphQLOutputType type() {
        return definition.getType();
    }
}
