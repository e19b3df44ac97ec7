package io.releasegraph.graphql.engine;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import jakarta.validation.ConstraintViolationException;

import org.eclipse.microprofile.graphql.GraphQLException;

import graphql.GraphQLError;
import graphql.SerializationError;
import graphql.TypeResolutionEnvironment;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.NonNullableFieldWasNullError;
import graphql.execution.NonNullableFieldWasNullException;
import graphql.execution.ResultPath;
import graphql.execution.TypeResolutionParameters;
import graphql.execution.ValuesResolver;
import graphql.schema.CoercingSerializeException;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLUnionType;
import graphql.schema.TypeResolver;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLTypeUtil;
import io.quarkus.logging.Log;
import io.releasegraph.graphql.guard.ValidatedRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * One run of an {@link OperationPlan}. All of its state is touched on the request's Vert.x context only (results of
 * resolvers that complete elsewhere are handed back to it), so nothing here needs a lock.
 *
 * <p>Values are completed into a tree of {@link Node}s as they arrive: properties at once, resolver calls when their
 * {@code Uni} completes. Batched fields found while completing are collected and called once per level, when no
 * more work can run synchronously, as graphql-java's data loaders are dispatched. A null in a non-null position
 * nulls the nearest nullable ancestor, as the spec says. Errors are made by SmallRye's own exception handler (through
 * the {@link SmallRyeAdapter}), so their messages and {@code extensions} are the ones SmallRye would send.
 */
final class Execution {

    private static final Object PENDING = new Object();

    /** A JSON object (with a plan) or list (without) of the response being built. */
    static final class Node {
        final ObjectPlan plan;
        final Object[] values;
        final Node owner;
        final int index;
        /** This node's own position in its owner is non-null: when it is nulled, the owner is. */
        final boolean nonNull;
        boolean dead;

        Node(ObjectPlan plan, int size, Node owner, int index, boolean nonNull) {
            this.plan = plan;
            this.values = new Object[size];
            this.owner = owner;
            this.index = index;
            this.nonNull = nonNull;
        }
    }

    /** Parents waiting for one batched call: distinct sources in order, and where each result goes. */
    private static final class Batch {
        final FieldPlan field;
        final Resolver.Invocation invocation;
        final Map<String, Object> arguments;
        final List<Object> sources = new ArrayList<>();
        /** By identity: hashing a record compares every component, and parents are rarely equal yet distinct. */
        final Map<Object, Integer> positions = new IdentityHashMap<>();
        final List<Object[]> targets = new ArrayList<>(); // {Node, slot, source position, FieldPlan}

        Batch(FieldPlan field, Resolver.Invocation invocation, Map<String, Object> arguments) {
            this.field = field;
            this.invocation = invocation;
            this.arguments = arguments;
        }

        void add(Object source, Node node, int slot, FieldPlan at) {
            // one key per parent object, as a data loader's cache has it
            Integer position = positions.get(source);
            if (position == null) {
                position = sources.size();
                sources.add(source);
                positions.put(source, position);
            }
            targets.add(new Object[] { node, slot, position, at });
        }
    }

    private record BatchKey(Resolver.Invocation invocation, Map<String, Object> arguments) {
    }

    /** Told once, on the request's context, how the execution ended. */
    interface Outcome {
        void completed(Execution execution);

        void failed(Execution execution, Throwable unexpected);
    }

    private final GraphQLEngine engine;
    private final OperationPlan plan;
    private final ValidatedRequest request;
    private final RequestScope scope;
    private final Outcome outcome;
    private final Context context;
    private final Object[] arguments;
    private final Map<BatchKey, Batch> batches = new LinkedHashMap<>();
    private final List<GraphQLError> errors = new ArrayList<>(0);
    private final Node data;
    private final long started = System.nanoTime();
    private int pending;
    private int depth;
    private int nextRoot;
    private boolean dataNull;
    private boolean finished;

    Execution(GraphQLEngine engine, OperationPlan plan, ValidatedRequest request, RequestScope scope, Outcome outcome) {
        this.engine = engine;
        this.plan = plan;
        this.request = request;
        this.scope = scope;
        this.outcome = outcome;
        this.context = Vertx.currentContext();
        this.arguments = new Object[plan.fieldPlans()];
        this.data = new Node(plan.root(), plan.root().fields.length, null, -1, false);
    }

    OperationPlan plan() {
        return plan;
    }

    long started() {
        return started;
    }

    List<GraphQLError> errors() {
        return errors;
    }

    /** The response's {@code data}: the root node, or null when a non-null root field was null. */
    Node data() {
        return dataNull ? null : data;
    }

    void start() {
        pass(() -> {
            if (plan.serial()) {
                if (plan.root().fields.length > 0) { // every mutation may be skipped: data is then {}
                    nextRootField();
                }
            } else {
                resolveFields(data, null);
            }
        });
    }

    // ---- Scheduling ----------------------------------------------------------------------------------------------

    /** Runs work on the request's context; when nothing more can run at once, calls the batches or finishes. */
    private void pass(Runnable work) {
        depth++;
        try {
            work.run();
        } catch (RuntimeException | Error unexpected) {
            abort(unexpected);
            return;
        } finally {
            depth--;
        }
        if (depth == 0) {
            settle();
        }
    }

    private void settle() {
        while (!batches.isEmpty() && !finished) {
            List<Batch> ready = new ArrayList<>(batches.values());
            batches.clear();
            depth++;
            try {
                ready.forEach(this::dispatch);
            } catch (RuntimeException | Error unexpected) {
                abort(unexpected);
                return;
            } finally {
                depth--;
            }
        }
        if (pending > 0 || finished) {
            return;
        }
        // a mutation's next root field starts when the previous one is complete, and none does once data is null
        // (graphql-java's serial strategy stops there too: the client could not learn what a later one did)
        if (plan.serial() && !dataNull && nextRoot < plan.root().fields.length) {
            pass(this::nextRootField);
            return;
        }
        finished = true;
        outcome.completed(this);
    }

    private void nextRootField() {
        resolveField(data, nextRoot++, null);
    }

    /** Hands a resolver's outcome back to the request's context (at once when it is already there). */
    private void onContext(Runnable work) {
        if (Vertx.currentContext() == context) {
            pass(work);
        } else {
            context.runOnContext(ignored -> pass(work));
        }
    }

    private void subscribe(Object result, Consumer<Object> onItem, Consumer<Throwable> onFailure) {
        if (result instanceof Uni<?> uni) {
            uni.subscribe().with(item -> onContext(() -> onItem.accept(item)),
                    failure -> onContext(() -> onFailure.accept(failure)));
        } else if (result instanceof CompletionStage<?> stage) {
            stage.whenComplete((item, failure) -> onContext(() -> {
                if (failure != null) {
                    onFailure.accept(failure);
                } else {
                    onItem.accept(item);
                }
            }));
        } else {
            onItem.accept(result);
        }
    }

    private void abort(Throwable unexpected) {
        if (!finished) {
            finished = true;
            Log.errorf(unexpected, "GraphQL execution of %s failed", plan.name());
            outcome.failed(this, unexpected);
        }
    }

    // ---- Resolving -----------------------------------------------------------------------------------------------

    private void resolveFields(Node node, Object source) {
        for (int i = 0; i < node.values.length; i++) {
            resolveField(node, i, source);
        }
    }

    private void resolveField(Node node, int slot, Object source) {
        FieldPlan field = node.plan.fields[slot];
        Resolver resolver = field.resolver();
        if (resolver instanceof Resolver.Property property) {
            Object value;
            try {
                value = property.read(source);
            } catch (Throwable failure) {
                errors.addAll(handled(failure, field, path(node, slot)));
                completeNull(node, slot, field.position());
                return;
            }
            complete(node, slot, field.position(), value);
        } else if (resolver instanceof Resolver.Invocation invocation) {
            node.values[slot] = PENDING;
            if (invocation.batch) {
                Map<String, Object> values = arguments(field);
                // one call for every parent of the same field and arguments, whatever selection each one has
                batches.computeIfAbsent(new BatchKey(invocation, values), key -> new Batch(field, invocation, values))
                        .add(source, node, slot, field);
            } else {
                invoke(node, slot, field, invocation, source);
            }
        } else {
            node.values[slot] = node.plan.type.getName(); // __typename
        }
    }

    private void invoke(Node node, int slot, FieldPlan field, Resolver.Invocation invocation, Object source) {
        pending++;
        Object result;
        scope.activate();
        try {
            result = invocation.call(source, arguments(field));
        } catch (Throwable thrown) {
            pending--;
            thrown(node, slot, field, thrown);
            return;
        } finally {
            scope.deactivate();
        }
        subscribe(result, item -> {
            pending--;
            completeResult(node, slot, field, invocation, item);
        }, failure -> {
            pending--;
            failed(node, slot, field, invocation, failure);
        });
    }

    private void dispatch(Batch batch) {
        pending++;
        Object result;
        scope.activate();
        try {
            result = batch.invocation.callBatch(batch.sources, batch.arguments);
        } catch (Throwable thrown) {
            pending--;
            batch.targets.forEach(target -> thrown((Node) target[0], (int) target[1], (FieldPlan) target[3], thrown));
            return;
        } finally {
            scope.deactivate();
        }
        subscribe(result, items -> {
            pending--;
            List<?> results = items instanceof List<?> list ? list : null;
            for (Object[] target : batch.targets) {
                Node node = (Node) target[0];
                int slot = (int) target[1];
                FieldPlan field = (FieldPlan) target[3];
                if (results == null || results.size() != batch.sources.size()) {
                    IllegalStateException wrongSize = new IllegalStateException("The size of the promised values MUST "
                            + "be the same size as the key list");
                    failed(node, slot, field, batch.invocation, wrongSize);
                } else {
                    complete(node, slot, field.position(), results.get((int) target[2]));
                }
            }
        }, failure -> {
            pending--;
            batch.targets.forEach(target -> failed((Node) target[0], (int) target[1], (FieldPlan) target[3],
                    batch.invocation, failure));
        });
    }

    /** The field's coerced arguments (defaults applied), computed once per execution. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> arguments(FieldPlan field) {
        if (field.constantArguments() != null) {
            return field.constantArguments();
        }
        Object known = arguments[field.id()];
        if (known == null) {
            known = ValuesResolver.getArgumentValues(engine.schema().getCodeRegistry(), field.definition().getArguments(),
                    field.field().getSingleField().getArguments(), request.variables(), Planner.NO_CONTEXT,
                    Locale.getDefault());
            arguments[field.id()] = known;
        }
        return (Map<String, Object>) known;
    }

    private void completeResult(Node node, int slot, FieldPlan field, Resolver.Invocation invocation, Object item) {
        Object value = item;
        if (!invocation.batch) {
            try {
                value = invocation.call.output(item, arguments(field));
            } catch (SmallRyeAdapter.Untransformable untransformable) {
                errors.addAll(untransformable.errors(environment(field, path(node, slot))));
                completeNull(node, slot, field.position());
                return;
            }
        }
        complete(node, slot, field.position(), value);
    }

    // ---- Failures, as SmallRye's data fetchers report them -------------------------------------------------------

    /** Thrown by the resolver method itself (SmallRye's {@code AbstractDataFetcher.get}). */
    private void thrown(Node node, int slot, FieldPlan field, Throwable thrown) {
        ResultPath path = path(node, slot);
        if (thrown instanceof SmallRyeAdapter.Untransformable untransformable) {
            errors.addAll(untransformable.errors(environment(field, path)));
        } else if (thrown instanceof GraphQLException partial) {
            partial(node, slot, field, partial);
            return;
        } else if (thrown instanceof ConstraintViolationException invalid) {
            violations(node, slot, field, invalid);
            return;
        } else {
            errors.addAll(handled(thrown, field, path));
        }
        completeNull(node, slot, field.position());
    }

    /** The resolver's {@code Uni} or stage failed (Quarkus' {@code AbstractAsyncDataFetcher}). */
    private void failed(Node node, int slot, FieldPlan field, Resolver.Invocation invocation, Throwable failure) {
        Throwable cause = failure instanceof ExecutionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (cause instanceof GraphQLException partial) {
            partial(node, slot, field, partial);
            return;
        }
        if (cause instanceof ConstraintViolationException invalid) {
            violations(node, slot, field, invalid);
            return;
        }
        Throwable reported = cause instanceof Exception exception ? invocation.call.failure(exception) : cause;
        errors.addAll(handled(reported, field, path(node, slot)));
        completeNull(node, slot, field.position());
    }

    /** A {@link GraphQLException} carries data and an error, both of which go into the response. */
    private void partial(Node node, int slot, FieldPlan field, GraphQLException partial) {
        errors.add(SmallRyeAdapter.partial(path(node, slot), partial, field.field().getSingleField().getSourceLocation()));
        complete(node, slot, field.position(), partial.getPartialResults());
    }

    private void violations(Node node, int slot, FieldPlan field, ConstraintViolationException invalid) {
        Resolver.Invocation invocation = (Resolver.Invocation) field.resolver();
        errors.addAll(SmallRyeAdapter.violations(invalid, invocation.method(), environment(field, path(node, slot))));
        completeNull(node, slot, field.position());
    }

    private static List<GraphQLError> handled(Throwable failure, FieldPlan field, ResultPath path) {
        return SmallRyeAdapter.handled(failure, environment(field, path));
    }

    /** What SmallRye's error helpers read: the field's path, AST (for the location) and definition. */
    private static DataFetchingEnvironment environment(FieldPlan field, ResultPath path) {
        return DataFetchingEnvironmentImpl.newDataFetchingEnvironment()
                .executionStepInfo(ExecutionStepInfo.newExecutionStepInfo().type(field.type()).path(path)
                        .field(field.field()).fieldDefinition(field.definition()).build())
                .mergedField(field.field())
                .fieldDefinition(field.definition())
                .fieldType(field.type())
                .parentType(field.parentType())
                .build();
    }

    // ---- Completing values ---------------------------------------------------------------------------------------

    /**
     * Completes a value even under a node already nulled (dead): graphql-java resolves every field it started, so the
     * upstream calls made and the errors reported do not depend on which failure came first.
     */
    private void complete(Node owner, int slot, Completion.Position position, Object fetched) {
        Object value = unbox(fetched);
        if (value == null) {
            completeNull(owner, slot, position);
            return;
        }
        Completion completion = position.completion();
        if (completion instanceof Completion.Object object) {
            object(owner, slot, position, object.plan(), value);
        } else if (completion instanceof Completion.Scalar scalar) {
            leaf(owner, slot, position, () -> scalar.scalar().getCoercing().serialize(value, Planner.NO_CONTEXT,
                    Locale.getDefault()));
        } else if (completion instanceof Completion.Enum enumeration) {
            leaf(owner, slot, position, () -> enumeration.type().serialize(value, Planner.NO_CONTEXT, Locale.getDefault()));
        } else if (completion instanceof Completion.List list) {
            list(owner, slot, position, list.item(), value);
        } else {
            Completion.Abstract abstractType = (Completion.Abstract) completion;
            ObjectPlan concrete = concrete(abstractType, value);
            object(owner, slot, position, concrete, value);
        }
    }

    private interface Serializer {
        Object serialize() throws CoercingSerializeException;
    }

    private void leaf(Node owner, int slot, Completion.Position position, Serializer serializer) {
        Object serialized;
        try {
            serialized = serializer.serialize();
        } catch (CoercingSerializeException unserializable) {
            errors.add(new SerializationError(path(owner, slot), unserializable));
            serialized = null;
        }
        if (serialized == null) {
            completeNull(owner, slot, position);
        } else {
            owner.values[slot] = serialized;
        }
    }

    private void object(Node owner, int slot, Completion.Position position, ObjectPlan plan, Object value) {
        Node child = new Node(plan, plan.fields.length, owner, slot, position.nonNull());
        owner.values[slot] = child;
        resolveFields(child, value);
    }

    private void list(Node owner, int slot, Completion.Position position, Completion.Position item, Object value) {
        Object[] items;
        if (value instanceof Collection<?> collection) {
            items = collection.toArray();
        } else if (value instanceof Iterable<?> iterable) {
            List<Object> copy = new ArrayList<>();
            iterable.forEach(copy::add);
            items = copy.toArray();
        } else if (value.getClass().isArray()) {
            items = new Object[Array.getLength(value)];
            for (int i = 0; i < items.length; i++) {
                items[i] = Array.get(value, i);
            }
        } else {
            errors.add(new SerializationError(path(owner, slot), new CoercingSerializeException(
                    "Can't resolve a list: " + value.getClass().getSimpleName() + " is not iterable")));
            completeNull(owner, slot, position);
            return;
        }
        Node child = new Node(null, items.length, owner, slot, position.nonNull());
        owner.values[slot] = child;
        for (int i = 0; i < items.length; i++) {
            complete(child, i, item, items[i]);
        }
    }

    private ObjectPlan concrete(Completion.Abstract type, Object value) {
        ObjectPlan known = type.byClass().get(value.getClass());
        if (known != null) {
            return known;
        }
        TypeResolutionEnvironment environment = TypeResolutionParameters.newParameters().value(value)
                .fieldType(type.type()).schema(engine.schema()).graphQLContext(Planner.NO_CONTEXT).build();
        GraphQLCodeRegistry registry = engine.schema().getCodeRegistry();
        TypeResolver resolver = type.type() instanceof GraphQLInterfaceType anInterface ? registry.getTypeResolver(anInterface)
                : registry.getTypeResolver((GraphQLUnionType) type.type());
        GraphQLObjectType resolved = resolver.getType(environment);
        ObjectPlan plan = type.byTypeName().get(resolved.getName());
        if (plan == null) {
            throw new IllegalStateException(resolved.getName() + " is not a possible type of " + type.type().getName());
        }
        type.byClass().put(value.getClass(), plan); // SmallRye resolves by the Java class alone
        return plan;
    }

    private void completeNull(Node owner, int slot, Completion.Position position) {
        if (!position.nonNull()) {
            owner.values[slot] = null;
            return;
        }
        ResultPath path = path(owner, slot);
        ExecutionStepInfo parent = ExecutionStepInfo.newExecutionStepInfo()
                .type(owner.plan != null ? owner.plan.type : (GraphQLOutputType) GraphQLTypeUtil.unwrapNonNull(
                        ownerPositionType(owner)))
                .path(path.getParent() == null ? ResultPath.rootPath() : path.getParent()).build();
        ExecutionStepInfo step = ExecutionStepInfo.newExecutionStepInfo().type(position.type()).path(path)
                .parentInfo(parent).build();
        // one error per field, as graphql-java has it: a resolver's own error already explains the null
        List<Object> where = path.toList();
        if (errors.stream().noneMatch(error -> where.equals(error.getPath()))) {
            errors.add(new NonNullableFieldWasNullError(new NonNullableFieldWasNullException(step, path)));
        }
        nullOut(owner);
    }

    /** The type of the position a list node fills, for the message of a null item. */
    private static GraphQLOutputType ownerPositionType(Node list) {
        Node owner = list.owner;
        if (owner.plan != null) {
            return owner.plan.fields[list.index].type();
        }
        return (GraphQLOutputType) ((graphql.schema.GraphQLList) GraphQLTypeUtil.unwrapNonNull(ownerPositionType(owner)))
                .getWrappedType();
    }

    /** The node cannot be completed: it becomes null where it stands, or its owner does if that position is non-null. */
    private void nullOut(Node node) {
        if (node.dead) {
            return;
        }
        node.dead = true;
        if (node.owner == null) {
            dataNull = true;
        } else if (node.nonNull) {
            nullOut(node.owner);
        } else {
            node.owner.values[node.index] = null;
        }
    }

    private static Object unbox(Object value) {
        if (value instanceof Optional<?> optional) {
            return optional.orElse(null);
        }
        if (value instanceof OptionalInt optional) {
            return optional.isPresent() ? optional.getAsInt() : null;
        }
        if (value instanceof OptionalLong optional) {
            return optional.isPresent() ? optional.getAsLong() : null;
        }
        if (value instanceof OptionalDouble optional) {
            return optional.isPresent() ? optional.getAsDouble() : null;
        }
        return value;
    }

    /** Only computed for errors: the nodes know their owners, not their paths. */
    private static ResultPath path(Node node, int slot) {
        ResultPath parent = node.owner == null ? ResultPath.rootPath() : path(node.owner, node.index);
        return node.plan == null ? parent.segment(slot) : parent.segment(node.plan.fields[slot].responseKey());
    }
}
