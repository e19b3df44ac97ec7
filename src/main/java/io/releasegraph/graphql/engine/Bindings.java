package io.releasegraph.graphql.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;

/**
 * Which Java member serves each field of the schema. A field is bound only when the data fetcher SmallRye registered
 * for it is one whose behaviour the engine reproduces ({@link SmallRyeAdapter#kind}); any other (a plugged-in
 * fetcher, a blocking resolver, a subscription) makes the operation {@link Planner.Unsupported}.
 */
final class Bindings {

    private final GraphQLSchema schema;
    private final SmallRyeAdapter.Model model;
    /** Resolvers are stateless: one per schema member, shared by every plan. */
    private final Map<String, Resolver> resolvers = new ConcurrentHashMap<>();

    Bindings(GraphQLSchema schema, SmallRyeAdapter.Model model) {
        this.schema = schema;
        this.model = model;
    }

    GraphQLSchema schema() {
        return schema;
    }

    Resolver resolver(GraphQLObjectType parent, GraphQLFieldDefinition definition) throws Planner.Unsupported {
        String key = parent.getName() + "." + definition.getName();
        Resolver known = resolvers.get(key);
        if (known != null) {
            return known;
        }
        Resolver bound = bind(parent, definition);
        resolvers.put(key, bound);
        return bound;
    }

    private Resolver bind(GraphQLObjectType parent, GraphQLFieldDefinition definition) throws Planner.Unsupported {
        DataFetcher<?> fetcher = schema.getCodeRegistry()
                .getDataFetcher(FieldCoordinates.coordinates(parent, definition), definition);
        if (parent == schema.getQueryType() || parent == schema.getMutationType()) {
            return model.root(parent == schema.getMutationType(), definition.getName(), fetcher);
        }
        return model.field(parent.getName(), definition.getName(), fetcher);
    }
}
