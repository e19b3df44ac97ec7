package io.releasegraph.graphql.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedOutputType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

/**
 * Valid GraphQL documents drawn at random from the served schema: every field and argument it has, aliases, inline
 * and named fragments on the interfaces' implementations, {@code @skip} and {@code @include} on literals and
 * variables, arguments as literals or variables (with defaults, explicit nulls and omitted values), mutations in
 * sequences, text with escapes, control characters and surrogate pairs, and IDs that exist, do not exist or are
 * malformed. Values come from {@link Pools}, harvested from the seeded sandboxes, so most fields find data.
 *
 * <p>Below the root a field has the same arguments wherever it appears in one document, because SmallRye GraphQL
 * answers every alias of a batched field with the first alias's arguments, which the engine does not copy.
 *
 * <p>Documents stay valid by construction: a field with arguments or a selection inside a fragment has an alias of
 * its own, and a leaf inside a fragment on an implementation keeps its name only when the interface declares it
 * (two implementations' fields of one name may differ in type).
 */
final class DocumentGenerator {

    /** One generated request; {@code fault} names the sandbox upstream that is down while it runs, or is null. */
    record Case(String name, String query, Map<String, Object> variables, String fault, boolean mutation) {
    }

    /** What the sandboxes hold, by the argument that names it. */
    static final class Pools {
        final Map<String, List<Object>> values = new HashMap<>();

        void add(String pool, Object value) {
            if (value != null) {
                List<Object> known = values.computeIfAbsent(pool, key -> new ArrayList<>());
                if (!known.contains(value)) {
                    known.add(value);
                }
            }
        }

        List<Object> get(String pool) {
            return values.getOrDefault(pool, List.of());
        }
    }

    static final List<String> UPSTREAMS = List.of("TRIFACTA", "CRYPTLEX", "LAUNCHDARKLY");
    private static final int MAX_DEPTH = 4;
    private static final List<String> MALFORMED_IDS = List.of("not-an-id", "", "  ", "dHJpZmFjdGE6Tm9wZTox",
            "%%%", "YQ==");

    private final GraphQLSchema schema;
    private final Pools pools;
    private final SplittableRandom random;

    // one document's parts
    private List<String> variableDefinitions;
    private Map<String, Object> variables;
    private List<String> fragments;
    private Map<GraphQLFieldDefinition, String> argumentsByField;
    private int next;

    DocumentGenerator(GraphQLSchema schema, Pools pools, long seed) {
        this.schema = schema;
        this.pools = pools;
        this.random = new SplittableRandom(seed);
    }

    Case next(int index) {
        variableDefinitions = new ArrayList<>();
        variables = new LinkedHashMap<>();
        fragments = new ArrayList<>();
        argumentsByField = new java.util.IdentityHashMap<>();
        next = 0;
        boolean mutation = random.nextInt(4) == 0;
        String fault = random.nextInt(8) == 0 ? UPSTREAMS.get(random.nextInt(UPSTREAMS.size())) : null;
        String roots = mutation ? mutationRoots() : queryRoots();
        StringBuilder query = new StringBuilder();
        String name = (mutation ? "M" : "Q") + index;
        boolean anonymous = !mutation && variableDefinitions.isEmpty() && random.nextInt(5) == 0;
        if (!anonymous) {
            query.append(mutation ? "mutation " : "query ").append(name);
            if (!variableDefinitions.isEmpty()) {
                query.append('(').append(String.join(", ", variableDefinitions)).append(')');
            }
            query.append(' ');
        }
        query.append("{ ").append(roots).append(" }");
        fragments.forEach(fragment -> query.append('\n').append(fragment));
        return new Case(name, query.toString(), variables, fault, mutation);
    }

    // ---- Selections ----------------------------------------------------------------------------------------------

    private String queryRoots() {
        List<GraphQLFieldDefinition> roots = new ArrayList<>(schema.getQueryType().getFieldDefinitions());
        Collections.shuffle(roots, new java.util.Random(random.nextLong()));
        int count = 1 + random.nextInt(3);
        List<String> parts = new ArrayList<>();
        for (GraphQLFieldDefinition root : roots.subList(0, count)) {
            parts.add(field(root, 0, false, false));
        }
        if (random.nextInt(10) == 0) {
            parts.add("__typename");
        }
        return String.join(" ", parts);
    }

    /** One to three mutations, each under an alias of its own (the same mutation may come twice). */
    private String mutationRoots() {
        List<GraphQLFieldDefinition> mutations = schema.getMutationType().getFieldDefinitions().stream()
                .filter(this::generatable).toList();
        int count = 1 + random.nextInt(3);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            parts.add(field(mutations.get(random.nextInt(mutations.size())), 0, true, true));
        }
        return String.join(" ", parts);
    }

    private String selectionSet(GraphQLOutputType type, int depth) {
        GraphQLType named = GraphQLTypeUtil.unwrapAll(type);
        if (named instanceof GraphQLInterfaceType anInterface) {
            return "{ " + abstractSelections(anInterface, depth) + " }";
        }
        return "{ " + objectSelections((GraphQLObjectType) named, depth, null, false) + " }";
    }

    /**
     * @param within the interface this selection is a fragment of, whose fields alone may go unaliased
     * @param inFragment every field with a selection or arguments gets an alias
     */
    private String objectSelections(GraphQLObjectType type, int depth, GraphQLInterfaceType within, boolean inFragment) {
        List<GraphQLFieldDefinition> fields = new ArrayList<>(type.getFieldDefinitions().stream()
                .filter(field -> generatable(field) && (depth < MAX_DEPTH || isLeaf(field.getType()))).toList());
        List<String> parts = new ArrayList<>();
        if (!fields.isEmpty()) {
            Collections.shuffle(fields, new java.util.Random(random.nextLong()));
            int count = 1 + random.nextInt(Math.min(4, fields.size()));
            for (GraphQLFieldDefinition field : fields.subList(0, count)) {
                boolean foreign = within != null && within.getFieldDefinition(field.getName()) == null;
                parts.add(field(field, depth, foreign, inFragment));
            }
        }
        if (parts.isEmpty() || random.nextInt(8) == 0) {
            parts.add("__typename");
        }
        if (within == null && !inFragment && depth < MAX_DEPTH && random.nextInt(10) == 0) {
            parts.add(namedFragment(type, depth, null));
        }
        return String.join(" ", parts);
    }

    /** Some of the interface's own fields, then fragments on some of its implementations. */
    private String abstractSelections(GraphQLInterfaceType type, int depth) {
        List<String> parts = new ArrayList<>();
        List<GraphQLFieldDefinition> own = new ArrayList<>(type.getFieldDefinitions().stream()
                .filter(field -> generatable(field) && (depth < MAX_DEPTH || isLeaf(field.getType()))).toList());
        Collections.shuffle(own, new java.util.Random(random.nextLong()));
        int ownCount = random.nextInt(Math.min(3, own.size()) + 1);
        for (GraphQLFieldDefinition field : own.subList(0, ownCount)) {
            parts.add(field(field, depth, false, true));
        }
        List<GraphQLObjectType> implementations = new ArrayList<>(schema.getImplementations(type));
        Collections.shuffle(implementations, new java.util.Random(random.nextLong()));
        int count = random.nextInt(implementations.size() + 1);
        for (GraphQLObjectType implementation : implementations.subList(0, count)) {
            if (random.nextInt(4) == 0) {
                parts.add(namedFragment(implementation, depth, type));
            } else {
                parts.add("... on " + implementation.getName() + directives() + " { "
                        + objectSelections(implementation, depth, type, true) + " }");
            }
        }
        if (parts.isEmpty() || random.nextInt(8) == 0) {
            parts.add("__typename");
        }
        return String.join(" ", parts);
    }

    private String namedFragment(GraphQLObjectType type, int depth, GraphQLInterfaceType within) {
        String name = "F" + (next++) + type.getName();
        fragments.add("fragment " + name + " on " + type.getName() + " { " + objectSelections(type, depth, within, true)
                + " }");
        return "..." + name + directives();
    }

    private String field(GraphQLFieldDefinition field, int depth, boolean mustAlias, boolean inFragment) {
        boolean leaf = isLeaf(field.getType());
        boolean alias = mustAlias || (inFragment && (!leaf || !field.getArguments().isEmpty())) || random.nextInt(6) == 0;
        StringBuilder text = new StringBuilder();
        if (alias) {
            text.append('a').append(next++).append(": ");
        }
        // below the root, a field keeps its first arguments: SmallRye calls a batched field once for all its
        // aliases with the first one's arguments (EngineDifferentialTest.batchedFieldUnderAliasesWithOtherArguments)
        String arguments = depth == 0 ? arguments(field) : argumentsByField.computeIfAbsent(field, this::arguments);
        text.append(field.getName()).append(arguments).append(directives());
        if (!leaf) {
            text.append(' ').append(selectionSet(field.getType(), depth + 1));
        }
        return text.toString();
    }

    private static boolean isLeaf(GraphQLOutputType type) {
        GraphQLType named = GraphQLTypeUtil.unwrapAll(type);
        return named instanceof GraphQLScalarType || named instanceof GraphQLEnumType;
    }

    /** A field whose every required argument can be written in JSON (not an {@code Upload}). */
    private boolean generatable(GraphQLFieldDefinition field) {
        return !(GraphQLTypeUtil.unwrapAll(field.getType()) instanceof GraphQLNamedOutputType named
                && named.getName().startsWith("__"))
                && field.getArguments().stream().noneMatch(argument -> "Upload".equals(
                        ((graphql.schema.GraphQLNamedType) GraphQLTypeUtil.unwrapAll(argument.getType())).getName()));
    }

    private String directives() {
        int draw = random.nextInt(14);
        if (draw > 1) {
            return "";
        }
        return (draw == 0 ? " @include(if: " : " @skip(if: ") + condition() + ")";
    }

    private String condition() {
        boolean value = random.nextBoolean();
        return switch (random.nextInt(4)) {
            case 0 -> String.valueOf(value);
            case 1 -> {
                String name = "b" + (next++);
                variableDefinitions.add("$" + name + ": Boolean = " + value);
                yield "$" + name; // the default decides
            }
            default -> {
                String name = "b" + (next++);
                variableDefinitions.add("$" + name + ": Boolean!");
                variables.put(name, value);
                yield "$" + name;
            }
        };
    }

    // ---- Arguments -----------------------------------------------------------------------------------------------

    private String arguments(GraphQLFieldDefinition field) {
        List<String> parts = new ArrayList<>();
        for (GraphQLArgument argument : field.getArguments()) {
            boolean nonNull = GraphQLTypeUtil.isNonNull(argument.getType());
            boolean required = nonNull && !argument.hasSetDefaultValue();
            if (!required && random.nextInt(2) == 0) {
                continue;
            }
            if (!nonNull && random.nextInt(10) == 0) {
                parts.add(argument.getName() + ": null");
                continue;
            }
            Object value = value(field.getName(), argument.getName(), argument.getType());
            parts.add(argument.getName() + ": " + (random.nextInt(3) == 0 ? variable(argument.getType(), value)
                    : literal(value, argument.getType())));
        }
        return parts.isEmpty() ? "" : "(" + String.join(", ", parts) + ")";
    }

    /** The value through a variable: given, given as null, left to the definition's default, or left out. */
    private String variable(GraphQLInputType type, Object value) {
        String name = "v" + (next++);
        String declared = GraphQLTypeUtil.simplePrint(type);
        boolean nullable = !GraphQLTypeUtil.isNonNull(type);
        int draw = random.nextInt(20);
        if (draw < 3) {
            variableDefinitions.add("$" + name + ": " + declared + " = " + literal(value, type));
        } else if (draw < 5 && nullable) {
            variableDefinitions.add("$" + name + ": " + declared);
            variables.put(name, null);
        } else if (draw < 6 && nullable) {
            variableDefinitions.add("$" + name + ": " + declared);
        } else {
            variableDefinitions.add("$" + name + ": " + declared);
            variables.put(name, value);
        }
        return "$" + name;
    }

    private Object value(String field, String argument, GraphQLInputType type) {
        GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
        if (bare instanceof GraphQLList list) {
            int size = random.nextInt(4);
            List<Object> items = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                items.add(value(field, argument, (GraphQLInputType) list.getWrappedType()));
            }
            return items;
        }
        if (bare instanceof GraphQLInputObjectType input) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (GraphQLInputObjectField member : input.getFieldDefinitions()) {
                boolean required = GraphQLTypeUtil.isNonNull(member.getType());
                if (required || random.nextInt(2) == 0) {
                    object.put(member.getName(), required || random.nextInt(8) > 0
                            ? value(field, member.getName(), member.getType()) : null);
                }
            }
            return object;
        }
        if (bare instanceof GraphQLEnumType enumeration) {
            return enumeration.getValues().get(random.nextInt(enumeration.getValues().size())).getName();
        }
        return switch (((GraphQLScalarType) bare).getName()) {
            case "ID" -> id(field, argument);
            case "Int" -> integer(argument);
            case "Boolean" -> random.nextInt(5) > 0;
            default -> string(argument);
        };
    }

    private Object id(String field, String argument) {
        String pool = switch (field + "." + argument) {
            case "deployment.id", "runDeployment.deploymentId" -> "deployment";
            case "jobGroup.id" -> "jobGroup";
            case "activateRelease.releaseId", "deactivateRelease.releaseId" -> "deploymentRelease";
            case "updateProductRelease.id", "publishProductRelease.id" -> "productRelease";
            case "completeReleasePhase.phaseId" -> "phaseId";
            default -> "id";
        };
        int draw = random.nextInt(20);
        if (draw == 0) {
            return pick(MALFORMED_IDS);
        }
        if (draw < 3) {
            return pick(pools.get("missingId"));
        }
        return pick(draw < 5 ? pools.get("id") : pools.get(pool));
    }

    private Object integer(String argument) {
        if ("phaseIndex".equals(argument)) {
            return random.nextInt(-1, 6);
        }
        return pick(List.of(0, 1, 1, 2, 3, 5, 5, 10, 25, 100, 101, -1));
    }

    private Object string(String argument) {
        List<Object> known = pools.get(argument);
        if (!known.isEmpty() && random.nextInt(6) > 0) {
            return pick(known);
        }
        return switch (argument) {
            case "idempotencyKey" -> "key-" + random.nextInt(4);
            case "after" -> pick(List.of("not-a-cursor", "YXJyYXljb25uZWN0aW9uOjE=", ""));
            case "version" -> pick(List.of("1.2.3", "2.0.0", "1.2.3.4.5", "v9", ""));
            default -> RandomText.of(random, 16, 400);
        };
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    // ---- Literals ------------------------------------------------------------------------------------------------

    private static String literal(Object value, GraphQLInputType type) {
        if (value == null) {
            return "null";
        }
        GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
        if (bare instanceof GraphQLList list) {
            List<String> items = new ArrayList<>();
            for (Object item : (List<?>) value) {
                items.add(literal(item, (GraphQLInputType) list.getWrappedType()));
            }
            return "[" + String.join(", ", items) + "]";
        }
        if (bare instanceof GraphQLInputObjectType input) {
            List<String> members = new ArrayList<>();
            ((Map<?, ?>) value).forEach((name, member) -> members.add(name + ": "
                    + literal(member, input.getFieldDefinition((String) name).getType())));
            return "{" + String.join(", ", members) + "}";
        }
        if (bare instanceof GraphQLEnumType || value instanceof Boolean || value instanceof Number) {
            return value.toString();
        }
        return quoted((String) value);
    }

    /** A GraphQL string literal: quotes, backslashes and control characters escaped, the rest as it is. */
    static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
