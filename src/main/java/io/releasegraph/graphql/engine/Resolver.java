package io.releasegraph.graphql.engine;

import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import io.smallrye.graphql.execution.datafetcher.helper.ArgumentHelper;
import io.smallrye.graphql.execution.datafetcher.helper.FieldHelper;
import io.smallrye.graphql.execution.datafetcher.helper.OperationInvoker;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.transformation.AbstractDataFetcherException;
import io.smallrye.graphql.transformation.Transformer;

/**
 * Where a field's value comes from. The two kinds that call application code reuse SmallRye's own helpers
 * (argument conversion, method invocation, output transformation), so a resolver sees exactly the arguments
 * SmallRye would pass it.
 */
sealed interface Resolver {

    /** {@code __typename}. */
    final class Typename implements Resolver {
        static final Typename INSTANCE = new Typename();

        private Typename() {
        }
    }

    /**
     * A property of the parent object (a record component or getter), read directly. Dates and other scalars that
     * SmallRye formats go through SmallRye's transformer, as its {@code FieldDataFetcher} does.
     */
    final class Property implements Resolver {
        private final MethodHandle getter;
        private final Transformer<Object, Object> transformer;
        private final FieldHelper helper;

        /**
         * @param transformer for a plain scalar SmallRye transforms (e.g. a date), else null
         * @param helper for anything else SmallRye transforms or adapts (lists of dates, adapters), else null
         */
        Property(MethodHandle getter, Transformer<Object, Object> transformer, FieldHelper helper) {
            this.getter = getter;
            this.transformer = transformer;
            this.helper = helper;
        }

        Object read(Object source) throws Throwable {
            Object value = (Object) getter.invokeExact(source);
            if (value == null || (transformer == null && helper == null)) {
                return value;
            }
            try {
                return transformer != null ? transformer.out(value) : helper.transformOrAdaptResponse(value, arguments(null, Map.of()));
            } catch (AbstractDataFetcherException | RuntimeException untransformable) {
                return value; // as SmallRye's FieldDataFetcher: the raw value, which the scalar may still serialize
            }
        }
    }

    /**
     * A method of a {@code @GraphQLApi} bean: a root query or mutation, a {@code @Source} field called per parent,
     * or a batched {@code @Source List<...>} field called once for all parents at one level.
     */
    final class Invocation implements Resolver {
        final Operation operation;
        final boolean batch;
        private final OperationInvoker invoker;
        private final ArgumentHelper arguments;
        /** Transforms the result when SmallRye would (a scalar result such as a date); null otherwise. */
        final FieldHelper output;

        Invocation(Operation operation, boolean batch, FieldHelper output) {
            this.operation = operation;
            this.batch = batch;
            this.invoker = new OperationInvoker(operation);
            this.arguments = new ArgumentHelper(operation.getArguments());
            this.output = output;
        }

        java.lang.reflect.Method method() {
            return invoker.getMethod();
        }

        /** Calls the method for one parent (null for a root field); answers what it returned (a Uni or a stage). */
        Object call(Object source, Map<String, Object> values) throws Exception {
            return invoker.invoke(arguments.getArguments(arguments(source, values)).toArray());
        }

        /** Calls a batched method with the parents of one level, then the field's other arguments. */
        Object callBatch(List<Object> sources, Map<String, Object> values) throws Exception {
            List<Object> rest = arguments.getArguments(arguments(null, values), true);
            List<Object> all = new ArrayList<>(rest.size() + 1);
            all.add(sources);
            all.addAll(rest);
            return invoker.invoke(all.toArray());
        }
    }

    /** What SmallRye's helpers read: the source and the coerced argument values. */
    static DataFetchingEnvironment arguments(Object source, Map<String, Object> values) {
        return DataFetchingEnvironmentImpl.newDataFetchingEnvironment().source(source).arguments(values).build();
    }
}
