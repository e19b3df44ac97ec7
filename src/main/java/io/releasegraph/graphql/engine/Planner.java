package io.releasegraph.graphql.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.execution.MergedField;
import graphql.execution.ValuesResolver;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedOutputType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLUnionType;
import graphql.schema.GraphQLTypeUtil;

/**
 * Compiles one operation of a validated document into an {@link OperationPlan}: fields collected per object type
 * as the spec's CollectFields does (fragments, type conditions, {@code @skip}/{@code @include}), merged by response
 * key, each bound to its {@link Resolver} and {@link Completion}. What the engine does not reproduce is refused
 * with {@link Unsupported}, and SmallRye GraphQL runs that request instead.
 */
final class Planner {

    static final GraphQLContext NO_CONTEXT = GraphQLContext.newContext().build();

    /** Why an operation is left to SmallRye GraphQL. */
    static final class Unsupported extends Exception {
        Unsupported(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The plan, and whether it was built for particular values of variables in {@code @skip}/{@code @include}. */
    record Compiled(OperationPlan plan, boolean dependsOnVariables) {
    }

    private final Bindings bindings;
    private final GraphQLSchema schema;
    private final Map<String, FragmentDefinition> fragments = new LinkedHashMap<>();
    private final CoercedVariables variables;
    private boolean dependsOnVariables;
    private int ids;

    private Planner(Bindings bindings, Document document, CoercedVariables variables) {
        this.bindings = bindings;
        this.schema = bindings.schema();
        this.variables = variables;
        document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
    }

    static Compiled compile(Bindings bindings, Document document, OperationDefinition operation,
            CoercedVariables variables) throws Unsupported {
        return new Planner(bindings, document, variables).operation(operation);
    }

    private Compiled operation(OperationDefinition operation) throws Unsupported {
        GraphQLObjectType root = switch (operation.getOperation()) {
            case QUERY -> schema.getQueryType();
            case MUTATION -> schema.getMutationType();
            default -> throw new Unsupported("subscriptions run over the WebSocket");
        };
        if (!operation.getDirectives().isEmpty()) {
            throw new Unsupported("operation directives");
        }
        ObjectPlan plan = object(root, List.of(operation.getSelectionSet()));
        return new Compiled(new OperationPlan(operation, plan,
                operation.getOperation() == OperationDefinition.Operation.MUTATION, ids), dependsOnVariables);
    }

    private ObjectPlan object(GraphQLObjectType type, List<SelectionSet> selections) throws Unsupported {
        Map<String, List<Field>> collected = new LinkedHashMap<>();
        for (SelectionSet selection : selections) {
            collect(type, selection, collected, new HashSet<>());
        }
        ObjectPlan plan = new ObjectPlan(type);
        List<FieldPlan> fields = new ArrayList<>(collected.size());
        for (Map.Entry<String, List<Field>> entry : collected.entrySet()) {
            fields.add(field(type, entry.getKey(), entry.getValue()));
        }
        plan.fields = fields.toArray(FieldPlan[]::new);
        return plan;
    }

    private void collect(GraphQLObjectType type, SelectionSet set, Map<String, List<Field>> into, Set<String> spread)
            throws Unsupported {
        for (Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field) {
                if (included(field.getDirectives())) {
                    into.computeIfAbsent(field.getResultKey(), key -> new ArrayList<>()).add(field);
                }
            } else if (selection instanceof InlineFragment inline) {
                if (included(inline.getDirectives()) && (inline.getTypeCondition() == null
                        || applies(type, inline.getTypeCondition().getName()))) {
                    collect(type, inline.getSelectionSet(), into, spread);
                }
            } else if (selection instanceof FragmentSpread fragmentSpread) {
                FragmentDefinition fragment = fragments.get(fragmentSpread.getName());
                if (included(fragmentSpread.getDirectives()) && fragment != null && spread.add(fragment.getName())
                        && applies(type, fragment.getTypeCondition().getName())) {
                    if (!fragment.getDirectives().isEmpty()) {
                        throw new Unsupported("fragment definition directives");
                    }
                    collect(type, fragment.getSelectionSet(), into, spread);
                }
            }
        }
    }

    /** {@code @skip} and {@code @include}; any other directive on a selection is left to SmallRye. */
    private boolean included(List<Directive> directives) throws Unsupported {
        for (Directive directive : directives) {
            boolean skip = "skip".equals(directive.getName());
            if (!skip && !"include".equals(directive.getName())) {
                throw new Unsupported("directive @" + directive.getName());
            }
            Argument condition = directive.getArgument("if");
            boolean value;
            if (condition != null && condition.getValue() instanceof BooleanValue literal) {
                value = literal.isValue();
            } else if (condition != null && condition.getValue() instanceof VariableReference variable) {
                dependsOnVariables = true;
                value = Boolean.TRUE.equals(variables.get(variable.getName()));
            } else {
                throw new Unsupported("@" + directive.getName() + " without a boolean");
            }
            if (skip == value) {
                return false;
            }
        }
        return true;
    }

    private boolean applies(GraphQLObjectType type, String condition) {
        GraphQLType target = schema.getType(condition);
        if (target instanceof GraphQLObjectType object) {
            return object.getName().equals(type.getName());
        }
        if (target instanceof GraphQLInterfaceType) {
            return type.getInterfaces().stream().anyMatch(implemented -> implemented.getName().equals(condition));
        }
        return target instanceof GraphQLUnionType union && union.isPossibleType(type);
    }

    private FieldPlan field(GraphQLObjectType parent, String key, List<Field> asts) throws Unsupported {
        Field first = asts.get(0);
        MergedField merged = MergedField.newMergedField(asts).build();
        int id = ids++;
        if ("__typename".equals(first.getName())) {
            GraphQLFieldDefinition typename = schema.getIntrospectionTypenameFieldDefinition();
            return new FieldPlan(id, key, JsonOutput.key(key), merged, parent, typename, Resolver.Typename.INSTANCE,
                    new Completion.Position(new Completion.Scalar((GraphQLScalarType) GraphQLTypeUtil.unwrapAll(
                            typename.getType())), true, typename.getType()), Map.of());
        }
        if (first.getName().startsWith("__")) {
            throw new Unsupported("introspection");
        }
        GraphQLFieldDefinition definition = parent.getFieldDefinition(first.getName());
        if (definition == null) {
            throw new Unsupported("unknown field " + parent.getName() + "." + first.getName());
        }
        Resolver resolver = bindings.resolver(parent, definition);
        List<SelectionSet> subselections = asts.stream().map(Field::getSelectionSet)
                .filter(java.util.Objects::nonNull).toList();
        Completion.Position position = position(definition.getType(), subselections);
        Map<String, Object> constant = usesVariables(first.getArguments()) ? null
                : ValuesResolver.getArgumentValues(schema.getCodeRegistry(), definition.getArguments(), first.getArguments(),
                        CoercedVariables.emptyVariables(), NO_CONTEXT, Locale.getDefault());
        return new FieldPlan(id, key, JsonOutput.key(key), merged, parent, definition, resolver, position, constant);
    }

    private Completion.Position position(GraphQLOutputType type, List<SelectionSet> subselections) throws Unsupported {
        boolean nonNull = type instanceof GraphQLNonNull;
        GraphQLType inner = nonNull ? ((GraphQLNonNull) type).getWrappedType() : type;
        Completion completion;
        if (inner instanceof GraphQLList list) {
            completion = new Completion.List(position((GraphQLOutputType) list.getWrappedType(), subselections));
        } else if (inner instanceof GraphQLScalarType scalar) {
            completion = new Completion.Scalar(scalar);
        } else if (inner instanceof GraphQLEnumType enumType) {
            completion = new Completion.Enum(enumType);
        } else if (inner instanceof GraphQLObjectType object) {
            completion = new Completion.Object(object(object, subselections));
        } else if (inner instanceof GraphQLInterfaceType || inner instanceof GraphQLUnionType) {
            GraphQLNamedOutputType named = (GraphQLNamedOutputType) inner;
            List<GraphQLObjectType> possible = inner instanceof GraphQLUnionType union
                    ? union.getTypes().stream().map(GraphQLObjectType.class::cast).toList()
                    : schema.getImplementations((GraphQLInterfaceType) inner);
            Map<String, ObjectPlan> byTypeName = new LinkedHashMap<>();
            for (GraphQLObjectType object : possible) {
                byTypeName.put(object.getName(), object(object, subselections));
            }
            completion = new Completion.Abstract(named, byTypeName, new ConcurrentHashMap<>());
        } else {
            throw new Unsupported("output type " + GraphQLTypeUtil.simplePrint(type));
        }
        return new Completion.Position(completion, nonNull, type);
    }

    private static boolean usesVariables(List<Argument> arguments) {
        return arguments.stream().anyMatch(argument -> usesVariables(argument.getValue()));
    }

    private static boolean usesVariables(Value<?> value) {
        if (value instanceof VariableReference) {
            return true;
        }
        if (value instanceof ArrayValue array) {
            return array.getValues().stream().anyMatch(Planner::usesVariables);
        }
        return value instanceof ObjectValue object
                && object.getObjectFields().stream().anyMatch(field -> usesVariables(field.getValue()));
    }
}
