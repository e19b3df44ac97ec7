package io.releasegraph.graphql.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.releasegraph.support.json.FastTimestamps;
import io.smallrye.graphql.execution.datafetcher.helper.FieldHelper;
import io.smallrye.graphql.schema.model.Execute;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.ReferenceType;
import io.smallrye.graphql.schema.model.Schema;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.transformation.Transformer;
import io.smallrye.mutiny.Uni;

/**
 * SmallRye's model of the schema, indexed by GraphQL names: which Java member serves each field. A field is bound
 * only when the data fetcher SmallRye registered for it is one whose behaviour the engine reproduces; any other
 * (a plugged-in fetcher, a blocking resolver, a subscription) makes the operation {@link Planner.Unsupported}.
 */
final class Bindings {

    private static final Set<String> PROPERTY_FETCHERS = Set.of(
            "io.smallrye.graphql.execution.datafetcher.FieldDataFetcher",
            "io.releasegraph.graphql.LeanPropertyFetchers$Lean");
    private static final Set<String> INVOCATION_FETCHERS = Set.of(
            "io.quarkus.smallrye.graphql.runtime.spi.datafetcher.QuarkusUniDataFetcher",
            "io.quarkus.smallrye.graphql.runtime.spi.datafetcher.QuarkusCompletionStageDataFetcher",
            "io.smallrye.graphql.execution.datafetcher.UniDataFetcher",
            "io.smallrye.graphql.execution.datafetcher.CompletionStageDataFetcher");
    private static final String BATCH_FETCHER = "io.smallrye.graphql.execution.datafetcher.BatchDataFetcher";

    private final GraphQLSchema schema;
    private final Map<String, Operation> queries = new HashMap<>();
    private final Map<String, Operation> mutations = new HashMap<>();
    private final Map<String, Type> types = new HashMap<>();
    /** Resolvers are stateless: one per schema member, shared by every plan. */
    private final Map<String, Resolver> resolvers = new ConcurrentHashMap<>();

    Bindings(GraphQLSchema schema, Schema model) {
        this.schema = schema;
        model.getQueries().forEach(operation -> queries.put(operation.getName(), operation));
        model.getMutations().forEach(operation -> mutations.put(operation.getName(), operation));
        model.getTypes().values().forEach(type -> types.put(type.getName(), type));
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
        String fetcher = schema.getCodeRegistry()
                .getDataFetcher(FieldCoordinates.coordinates(parent, definition), definition).getClass().getName();
        String name = definition.getName();
        if (parent == schema.getQueryType() || parent == schema.getMutationType()) {
            Operation root = (parent == schema.getQueryType() ? queries : mutations).get(name);
            return invocation(root, false, fetcher, INVOCATION_FETCHERS.contains(fetcher));
        }
        Type type = types.get(parent.getName());
        if (type == null) {
            throw new Planner.Unsupported("no model for type " + parent.getName());
        }
        if (type.hasBatchOperation(name)) {
            return invocation(type.getBatchOperations().get(name), true, fetcher, BATCH_FETCHER.equals(fetcher));
        }
        if (type.hasOperation(name)) {
            return invocation(type.getOperations().get(name), false, fetcher, INVOCATION_FETCHERS.contains(fetcher));
        }
        Field field = type.getFields().get(name);
        if (field == null || !PROPERTY_FETCHERS.contains(fetcher)) {
            throw new Planner.Unsupported(parent.getName() + "." + name + " is served by " + fetcher);
        }
        return property(type, field);
    }

    private static Resolver invocation(Operation operation, boolean batch, String fetcher, boolean expected)
            throws Planner.Unsupported {
        if (operation == null || !expected) {
            throw new Planner.Unsupported("an operation served by " + fetcher);
        }
        if (operation.getExecute() == Execute.BLOCKING) {
            throw new Planner.Unsupported(operation.getName() + " is @Blocking");
        }
        Resolver.Invocation invocation = new Resolver.Invocation(operation, batch,
                transforms(operation) || adapts(operation) ? new FieldHelper(operation) : null);
        Class<?> returned = invocation.method().getReturnType();
        if (!Uni.class.isAssignableFrom(returned) && !CompletionStage.class.isAssignableFrom(returned)) {
            throw new Planner.Unsupported(operation.getName() + " returns " + returned.getSimpleName());
        }
        return invocation;
    }

    @SuppressWarnings("unchecked")
    private static Resolver property(Type owner, Field field) throws Planner.Unsupported {
        try {
            Class<?> type = Class.forName(owner.getClassName(), false, Bindings.class.getClassLoader());
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle getter = field.getMethodName() == null
                    ? lookup.unreflectGetter(type.getField(field.getPropertyName()))
                    : lookup.unreflect(accessor(type, field.getMethodName()));
            getter = getter.asType(MethodType.methodType(Object.class, Object.class));
            boolean transforms = transforms(field);
            boolean adapts = adapts(field);
            Transformer<Object, Object> transformer = transforms && !adapts && !field.hasWrapper()
                    ? (isoOffsetDateTime(field) ? ISO_OFFSET_DATE_TIME : Transformer.transformer(field)) : null;
            FieldHelper helper = (transforms || adapts) && transformer == null ? new FieldHelper(field) : null;
            return new Resolver.Property(getter, transformer, helper);
        } catch (ReflectiveOperationException | RuntimeException unreadable) {
            throw new Planner.Unsupported(owner.getName() + "." + field.getName() + ": " + unreadable);
        }
    }

    /** SmallRye's default for an {@code OffsetDateTime} without {@code @DateFormat}, written without the formatter. */
    private static final Transformer<Object, Object> ISO_OFFSET_DATE_TIME = new Transformer<>() {
        @Override
        public Object in(Object text) {
            throw new UnsupportedOperationException("output only");
        }

        @Override
        public Object out(Object value) {
            return FastTimestamps.format((OffsetDateTime) value);
        }
    };

    private static boolean isoOffsetDateTime(Field field) {
        return OffsetDateTime.class.getName().equals(field.getReference().getClassName()) && !field.hasTransformation();
    }

    private static Method accessor(Class<?> type, String name) throws NoSuchMethodException {
        return type.getMethod(name);
    }

    /** SmallRye's rule: a scalar whose Java class is not the one GraphQL uses (dates, UUIDs, formatted numbers). */
    private static boolean transforms(Field field) {
        return field.getReference().getType() == ReferenceType.SCALAR
                && !field.getReference().getClassName().equals(field.getReference().getGraphQLClassName());
    }

    /** SmallRye's rule for {@code @AdaptWith}, {@code @AdaptToScalar} and maps. */
    private static boolean adapts(Field field) {
        return field.getReference().isAdaptingWith() || field.isAdaptingWith()
                || (field.hasWrapper() && field.getWrapper().isMap())
                || (field.getReference().isAdaptingTo() && field.getReference().getAdaptTo().getDeserializeMethod() != null)
                || (field.isAdaptingTo() && field.getAdaptTo().getDeserializeMethod() != null);
    }
}
