package io.releasegraph.graphql;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

import graphql.TrivialDataFetcher;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetcherFactory;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import io.quarkus.logging.Log;
import io.smallrye.graphql.schema.model.Reference;

/**
 * SmallRye's {@code FieldDataFetcher} serves every plain property (a record component such as {@code name} or
 * {@code status}) and, before reading it, rebuilds SmallRye's request context for that field: path strings, the
 * selected fields as JSON, a context copy; about a quarter of what a 100-object list allocates. For a property it
 * reads by method, with no transformation (dates and formatted numbers have one) and no adapter, this fetcher calls
 * the same method and nothing else. Everything else keeps SmallRye's fetcher.
 */
final class LeanPropertyFetchers {

    private static final String SMALLRYE_FIELD_FETCHER = "io.smallrye.graphql.execution.datafetcher.FieldDataFetcher";

    private LeanPropertyFetchers() {
    }

    /** Replaces the eligible SmallRye fetchers in the registry; answers how many. */
    static int apply(GraphQLCodeRegistry registry, GraphQLCodeRegistry.Builder code) throws ReflectiveOperationException {
        Map<FieldCoordinates, DataFetcherFactory<?>> fetchers = new HashMap<>(
                SchemaTuning.read(GraphQLCodeRegistry.class, "dataFetcherMap", registry));
        int replaced = 0;
        for (Map.Entry<FieldCoordinates, DataFetcherFactory<?>> entry : fetchers.entrySet()) {
            DataFetcher<?> fetcher = entry.getValue().get((GraphQLFieldDefinition) null);
            if (fetcher == null || !SMALLRYE_FIELD_FETCHER.equals(fetcher.getClass().getName())) {
                continue;
            }
            Method accessor = plainAccessor(fetcher);
            if (accessor != null) {
                code.dataFetcher(entry.getKey(), new Lean(accessor));
                replaced++;
            }
        }
        return replaced;
    }

    /** The accessor method SmallRye would call, when SmallRye would do nothing else with its result. */
    private static Method plainAccessor(DataFetcher<?> smallRye) throws ReflectiveOperationException {
        io.smallrye.graphql.schema.model.Field field = SchemaTuning.read(smallRye.getClass(), "field", smallRye);
        Reference owner = SchemaTuning.read(smallRye.getClass(), "owner", smallRye);
        if (field.getMethodName() == null || field.hasTransformation() || field.isAdaptingTo() || field.isAdaptingWith()) {
            return null;
        }
        Class<?> type = Class.forName(owner.getClassName(), false, Thread.currentThread().getContextClassLoader());
        return type.getMethod(field.getMethodName());
    }

    /** Reads one property; trivial for graphql-java, which then skips its field-fetch instrumentation. */
    private static final class Lean implements DataFetcher<Object>, TrivialDataFetcher<Object> {

        private final Method accessor;

        Lean(Method accessor) {
            this.accessor = accessor;
        }

        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            Object source = environment.getSource();
            if (source == null) {
                return null;
            }
            try {
                return accessor.invoke(source);
            } catch (InvocationTargetException thrown) {
                throw thrown.getCause() instanceof Exception cause ? cause : thrown;
            }
        }
    }

    static void log(int replaced) {
        Log.debugf("%d plain properties read without SmallRye's per-field context", replaced);
    }
}
