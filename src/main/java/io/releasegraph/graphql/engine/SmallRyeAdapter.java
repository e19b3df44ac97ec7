package io.releasegraph.graphql.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolationException;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherResult;
import graphql.execution.ResultPath;
import graphql.language.SourceLocation;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import io.quarkus.smallrye.graphql.runtime.spi.datafetcher.QuarkusCompletionStageDataFetcher;
import io.quarkus.smallrye.graphql.runtime.spi.datafetcher.QuarkusUniDataFetcher;
import io.releasegraph.graphql.LeanPropertyFetchers;
import io.releasegraph.support.json.FastTimestamps;
import io.smallrye.graphql.SmallRyeGraphQLServerMessages;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.smallrye.graphql.execution.datafetcher.BatchDataFetcher;
import io.smallrye.graphql.execution.datafetcher.CompletionStageDataFetcher;
import io.smallrye.graphql.execution.datafetcher.FieldDataFetcher;
import io.smallrye.graphql.execution.datafetcher.UniDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.ArgumentHelper;
import io.smallrye.graphql.execution.datafetcher.helper.FieldHelper;
import io.smallrye.graphql.execution.datafetcher.helper.OperationInvoker;
import io.smallrye.graphql.execution.error.ExceptionHandler;
import io.smallrye.graphql.execution.error.ExecutionErrorsService;
import io.smallrye.graphql.execution.error.GraphQLExceptionWhileDataFetching;
import io.smallrye.graphql.schema.model.Execute;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.ReferenceType;
import io.smallrye.graphql.schema.model.Schema;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.transformation.AbstractDataFetcherException;
import io.smallrye.graphql.transformation.Transformer;
import io.smallrye.graphql.validation.BeanValidationUtil;
import io.smallrye.mutiny.Uni;

/**
 * The only place the engine touches SmallRye GraphQL (and Quarkus' SmallRye GraphQL extension) below their public
 * API, so that a SmallRye upgrade is one file to review; {@code SmallRyeAdapterTest} fails, naming what changed, when
 * anything relied on here does. Every SmallRye class is referenced by identity, so a rename fails the build.
 * <ul>
 * <li>{@link #kind}: which data fetchers SmallRye registers for each kind of field the engine reproduces;</li>
 * <li>{@link #model}: SmallRye's model of the schema, binding a field to a {@link Resolver};</li>
 * <li>{@link Call}: SmallRye's argument conversion, method invocation and output transformation;</li>
 * <li>errors as SmallRye makes and renders them ({@link #handled}, {@link #partial}, {@link #violations},
 * {@link Untransformable}, {@link #errorsJson});</li>
 * <li>{@link #answer}: the body SmallRye's own route is about to write, for the response cache.</li>
 * </ul>
 */
@Singleton
final class SmallRyeAdapter {

    /** What the engine does in place of a registered data fetcher. */
    enum Kind {
        /** Reads a property of the parent. */
        PROPERTY,
        /** Calls a resolver method (answering a {@code Uni} or a stage) per parent. */
        INVOCATION,
        /** Calls a batched {@code @Source List<...>} method once for the parents of one level. */
        BATCH
    }

    /** The data fetchers SmallRye and Quarkus register, whose behaviour the engine reproduces; any other is left to SmallRye. */
    static final Map<Class<?>, Kind> FETCHERS = Map.of(
            FieldDataFetcher.class, Kind.PROPERTY,
            LeanPropertyFetchers.Lean.class, Kind.PROPERTY,
            QuarkusUniDataFetcher.class, Kind.INVOCATION,
            QuarkusCompletionStageDataFetcher.class, Kind.INVOCATION,
            UniDataFetcher.class, Kind.INVOCATION,
            CompletionStageDataFetcher.class, Kind.INVOCATION,
            BatchDataFetcher.class, Kind.BATCH);

    private static final ExceptionHandler EXCEPTIONS = new ExceptionHandler();
    private static final ExecutionErrorsService ERRORS = new ExecutionErrorsService();

    private final Instance<Schema> models;

    SmallRyeAdapter(Instance<Schema> models) {
        this.models = models;
    }

    /** The kind of a registered data fetcher, or empty when the engine does not reproduce it. */
    static Optional<Kind> kind(DataFetcher<?> fetcher) {
        return Optional.ofNullable(FETCHERS.get(fetcher.getClass()));
    }

    /** SmallRye's model of the served schema (built at start, after this bean exists). */
    Model model() {
        return new Model(models.get());
    }

    // ---- Binding -------------------------------------------------------------------------------------------------

    /** Which Java member serves each field, by GraphQL names. */
    static final class Model {
        private final Map<String, Operation> queries = new HashMap<>();
        private final Map<String, Operation> mutations = new HashMap<>();
        private final Map<String, Type> types = new HashMap<>();

        Model(Schema model) {
            model.getQueries().forEach(operation -> queries.put(operation.getName(), operation));
            model.getMutations().forEach(operation -> mutations.put(operation.getName(), operation));
            model.getTypes().values().forEach(type -> types.put(type.getName(), type));
        }

        /** A field of the query or mutation type: SmallRye must serve it with a resolver call. */
        Resolver root(boolean mutation, String name, DataFetcher<?> fetcher) throws Planner.Unsupported {
            Operation root = (mutation ? mutations : queries).get(name);
            return invocation(root, false, fetcher, kind(fetcher).orElse(null) == Kind.INVOCATION);
        }

        /** A field of an object type: a batched or per-parent {@code @Source} method, or a property. */
        Resolver field(String parent, String name, DataFetcher<?> fetcher) throws Planner.Unsupported {
            Type type = types.get(parent);
            if (type == null) {
                throw new Planner.Unsupported("no model for type " + parent);
            }
            Kind kind = kind(fetcher).orElse(null);
            if (type.hasBatchOperation(name)) {
                return invocation(type.getBatchOperations().get(name), true, fetcher, kind == Kind.BATCH);
            }
            if (type.hasOperation(name)) {
                return invocation(type.getOperations().get(name), false, fetcher, kind == Kind.INVOCATION);
            }
            Field field = type.getFields().get(name);
            if (field == null || kind != Kind.PROPERTY) {
                throw new Planner.Unsupported(parent + "." + name + " is served by " + fetcher.getClass().getName());
            }
            return property(type, field);
        }

        private static Resolver invocation(Operation operation, boolean batch, DataFetcher<?> fetcher, boolean expected)
                throws Planner.Unsupported {
            if (operation == null || !expected) {
                throw new Planner.Unsupported("an operation served by " + fetcher.getClass().getName());
            }
            if (operation.getExecute() == Execute.BLOCKING) {
                throw new Planner.Unsupported(operation.getName() + " is @Blocking");
            }
            Call call = new Call(operation);
            Class<?> returned = call.method().getReturnType();
            if (!Uni.class.isAssignableFrom(returned) && !CompletionStage.class.isAssignableFrom(returned)) {
                throw new Planner.Unsupported(operation.getName() + " returns " + returned.getSimpleName());
            }
            return new Resolver.Invocation(call, batch);
        }

        private static Resolver property(Type owner, Field field) throws Planner.Unsupported {
            try {
                Class<?> type = Class.forName(owner.getClassName(), false, SmallRyeAdapter.class.getClassLoader());
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                MethodHandle getter = field.getMethodName() == null
                        ? lookup.unreflectGetter(type.getField(field.getPropertyName()))
                        : lookup.unreflect(type.getMethod(field.getMethodName()));
                getter = getter.asType(MethodType.methodType(Object.class, Object.class));
                return new Resolver.Property(getter, output(field));
            } catch (ReflectiveOperationException | RuntimeException unreadable) {
                throw new Planner.Unsupported(owner.getName() + "." + field.getName() + ": " + unreadable);
            }
        }
    }

    /**
     * What SmallRye's {@code FieldDataFetcher} does to a property's value: dates and other scalars it formats go
     * through its transformer; adapters through its field helper; on failure the raw value, as it does. Null when
     * the value is sent as read.
     */
    private static UnaryOperator<Object> output(Field field) {
        boolean transforms = transforms(field);
        boolean adapts = adapts(field);
        if (!transforms && !adapts) {
            return null;
        }
        Transformation transformation;
        if (transforms && !adapts && !field.hasWrapper()) {
            if (OffsetDateTime.class.getName().equals(field.getReference().getClassName()) && !field.hasTransformation()) {
                // SmallRye's default for an OffsetDateTime without @DateFormat, written without the formatter
                transformation = value -> FastTimestamps.format((OffsetDateTime) value);
            } else {
                @SuppressWarnings("unchecked")
                Transformer<Object, Object> transformer = Transformer.transformer(field);
                transformation = transformer::out;
            }
        } else {
            FieldHelper helper = new FieldHelper(field);
            transformation = value -> helper.transformOrAdaptResponse(value, environment(null, Map.of()));
        }
        return value -> {
            try {
                return transformation.apply(value);
            } catch (AbstractDataFetcherException | RuntimeException untransformable) {
                return value; // as SmallRye's FieldDataFetcher: the raw value, which the scalar may still serialize
            }
        };
    }

    private interface Transformation {
        Object apply(Object value) throws AbstractDataFetcherException;
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

    /** What SmallRye's helpers read: the source and the coerced argument values. */
    private static DataFetchingEnvironment environment(Object source, Map<String, Object> values) {
        return DataFetchingEnvironmentImpl.newDataFetchingEnvironment().source(source).arguments(values).build();
    }

    // ---- Calling resolver methods --------------------------------------------------------------------------------

    /**
     * A method of a {@code @GraphQLApi} bean, called as SmallRye calls it: arguments converted by its argument
     * helper, the method invoked by its invoker, a scalar result transformed by its field helper.
     */
    static final class Call {
        private final Operation operation;
        private final OperationInvoker invoker;
        private final ArgumentHelper arguments;
        /** Transforms the result when SmallRye would (a scalar result such as a date); null otherwise. */
        private final FieldHelper output;

        Call(Operation operation) {
            this.operation = operation;
            this.invoker = new OperationInvoker(operation);
            this.arguments = new ArgumentHelper(operation.getArguments());
            this.output = transforms(operation) || adapts(operation) ? new FieldHelper(operation) : null;
        }

        Method method() {
            return invoker.getMethod();
        }

        /** Calls the method for one parent (null for a root field); answers what it returned (a Uni or a stage). */
        Object invoke(Object source, Map<String, Object> values) throws Exception {
            try {
                return invoker.invoke(arguments.getArguments(environment(source, values)).toArray());
            } catch (AbstractDataFetcherException untransformable) {
                throw new Untransformable(untransformable);
            }
        }

        /** Calls a batched method with the parents of one level, then the field's other arguments. */
        Object invokeBatch(List<Object> sources, Map<String, Object> values) throws Exception {
            try {
                List<Object> rest = arguments.getArguments(environment(null, values), true);
                List<Object> all = new ArrayList<>(rest.size() + 1);
                all.add(sources);
                all.addAll(rest);
                return invoker.invoke(all.toArray());
            } catch (AbstractDataFetcherException untransformable) {
                throw new Untransformable(untransformable);
            }
        }

        /** The method's result as SmallRye would complete it (transformed when it is a formatted scalar). */
        Object output(Object item, Map<String, Object> values) throws Untransformable {
            if (output == null) {
                return item;
            }
            try {
                return output.transformOrAdaptResponse(item, environment(null, values));
            } catch (AbstractDataFetcherException untransformable) {
                throw new Untransformable(untransformable);
            }
        }

        /** The error SmallRye's asynchronous fetchers report when the method's {@code Uni} or stage failed. */
        Throwable failure(Exception cause) {
            return SmallRyeGraphQLServerMessages.msg.dataFetcherException(operation, cause);
        }
    }

    // ---- Errors --------------------------------------------------------------------------------------------------

    /** An argument or result SmallRye could not convert; its errors are the ones SmallRye reports. */
    static final class Untransformable extends Exception {
        private final AbstractDataFetcherException cause;

        Untransformable(AbstractDataFetcherException cause) {
            super(cause.getMessage(), cause, false, false);
            this.cause = cause;
        }

        List<GraphQLError> errors(DataFetchingEnvironment environment) {
            DataFetcherResult.Builder<Object> result = DataFetcherResult.newResult();
            cause.appendDataFetcherResult(result, environment);
            return result.build().getErrors();
        }
    }

    /** A failure made into errors by SmallRye's exception handler (messages, {@code extensions}). */
    static List<GraphQLError> handled(Throwable failure, DataFetchingEnvironment environment) {
        return EXCEPTIONS.handleException(DataFetcherExceptionHandlerParameters.newExceptionParameters()
                .dataFetchingEnvironment(environment).exception(failure).build()).join().getErrors();
    }

    /** The error of a {@code GraphQLException} that carries partial results. */
    static GraphQLError partial(ResultPath path, Throwable partial, SourceLocation location) {
        return new GraphQLExceptionWhileDataFetching(path, partial, location);
    }

    /** Bean validation's violations of a method's arguments, as SmallRye reports them. */
    static List<GraphQLError> violations(ConstraintViolationException invalid, Method method,
            DataFetchingEnvironment environment) {
        DataFetcherResult.Builder<Object> result = DataFetcherResult.newResult();
        BeanValidationUtil.addConstraintViolationsToDataFetcherResult(invalid.getConstraintViolations(), method, result,
                environment);
        return result.build().getErrors();
    }

    /** The {@code errors} array as SmallRye's error service renders it (the configured extensions only). */
    static String errorsJson(List<GraphQLError> errors) {
        return ERRORS.toJsonErrors(errors).toString();
    }

    // ---- SmallRye's own answers ----------------------------------------------------------------------------------

    /**
     * The body SmallRye's route is about to write for an execution without errors (it renders the result with the
     * extensions added by listeners, after {@code afterExecute}); empty for an answer with errors or without data.
     */
    static Optional<byte[]> answer(Context context) {
        ExecutionResult result = context.unwrap(ExecutionResult.class);
        if (result == null || !result.getErrors().isEmpty() || !result.isDataPresent() || result.getData() == null
                || !(context instanceof SmallRyeContext smallRye)) {
            return Optional.empty();
        }
        return Optional.of(new ExecutionResponse(result, smallRye.getAddedExtensions()).getExecutionResultAsString()
                .getBytes(StandardCharsets.UTF_8));
    }
}
