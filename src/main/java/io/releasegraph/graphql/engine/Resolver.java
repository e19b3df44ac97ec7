package io.releasegraph.graphql.engine;

import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where a field's value comes from. The two kinds that call application code reuse SmallRye's own helpers
 * (argument conversion, method invocation, output transformation) through the {@link SmallRyeAdapter}, so a resolver
 * sees exactly the arguments SmallRye would pass it.
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
     * SmallRye formats go through SmallRye's transformation, as its {@code FieldDataFetcher} does.
     */
    final class Property implements Resolver {
        private final MethodHandle getter;
        private final UnaryOperator<Object> output;

        /** @param output what SmallRye does to the value read (a date's formatting, an adapter), else null */
        Property(MethodHandle getter, UnaryOperator<Object> output) {
            this.getter = getter;
            this.output = output;
        }

        Object read(Object source) throws Throwable {
            Object value = (Object) getter.invokeExact(source);
            return value == null || output == null ? value : output.apply(value);
        }
    }

    /**
     * A method of a {@code @GraphQLApi} bean: a root query or mutation, a {@code @Source} field called per parent,
     * or a batched {@code @Source List<...>} field called once for all parents at one level.
     */
    final class Invocation implements Resolver {
        final SmallRyeAdapter.Call call;
        final boolean batch;

        Invocation(SmallRyeAdapter.Call call, boolean batch) {
            this.call = call;
            this.batch = batch;
        }

        java.lang.reflect.Method method() {
            return call.method();
        }

        /** Calls the method for one parent (null for a root field); answers what it returned (a Uni or a stage). */
        Object call(Object source, Map<String, Object> values) throws Exception {
            return call.invoke(source, values);
        }

        /** Calls a batched method with the parents of one level, then the field's other arguments. */
        Object callBatch(List<Object> sources, Map<String, Object> values) throws Exception {
            return call.invokeBatch(sources, values);
        }
    }
}
