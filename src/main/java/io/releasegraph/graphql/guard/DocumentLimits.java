package io.releasegraph.graphql.guard;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;

/**
 * Measures a GraphQL document before it runs: tokens (while parsing), aliases (in the whole document), and per
 * operation the depth (a root field is 1) and complexity (fields selected, a fragment counted wherever it is
 * spread). Counting is memoised per fragment, so a document of fragments spreading each other several times
 * cannot make the measuring itself expensive.
 */
public final class DocumentLimits {

    /** The bounds, from {@code gateway.graphql.*}. */
    public record Limits(int maxDepth, int maxComplexity, int maxAliases, int maxTokens) {
    }

    /** Why a document is refused: which limit ({@code extensions.limit}) and a message for people. */
    public record Refusal(String limit, String message) {
    }

    /** The outcome of a check: the parsed document, or why it was refused. */
    public record Checked(Document document, Refusal refusal) {
        static Checked refused(String limit, String message) {
            return new Checked(null, new Refusal(limit, message));
        }
    }

    /**
     * Operation names become metric tags and log text: past this length a name is refused ({@code limit}
     * {@code operationName}) rather than stored.
     */
    public static final int MAX_OPERATION_NAME_CHARS = 100;

    /**
     * Introspection ({@code __schema}, {@code __type}) is bounded on its own terms, not by the data depth: the standard
     * query (graphql-js {@code getIntrospectionQuery()}, graphql-java {@code IntrospectionQuery}) nests its type
     * references 15 deep. Its cost is the schema's size, not the upstreams'; what could make it large is a cycle
     * through types ({@code __Type.fields} inside {@code __Type.fields}...), so each of those list fields may appear
     * once on a path (graphql-java's "good faith introspection" rule) and the depth stays under this bound.
     */
    public static final int MAX_INTROSPECTION_DEPTH = 20;
    /** Introspection fields selected (a fragment counted wherever spread): the standard query selects about 300. */
    public static final int MAX_INTROSPECTION_FIELDS = 2000;

    private static final Set<String> INTROSPECTION_ROOTS = Set.of("__schema", "__type");
    private static final Set<String> TYPE_CYCLES = Set.of("fields", "inputFields", "interfaces", "possibleTypes");

    private final Limits limits;

    public DocumentLimits(Limits limits) {
        this.limits = limits;
    }

    public Checked check(String query) {
        Document document;
        try {
            document = Parser.parse(ParserEnvironment.newParserEnvironment().document(query)
                    .parserOptions(ParserOptions.newParserOptions().maxTokens(limits.maxTokens()).build())
                    .build());
        } catch (ParseCancelledException tooBig) {
            return Checked.refused("tokens", "The document has more than " + limits.maxTokens() + " tokens.");
        } catch (InvalidSyntaxException invalid) {
            return Checked.refused("syntax", "The document is not valid GraphQL: " + invalid.getMessage());
        }
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            if (operation.getName() != null && operation.getName().length() > MAX_OPERATION_NAME_CHARS) {
                return Checked.refused("operationName", operationNameTooLong(operation.getName()));
            }
        }
        int aliases = 0;
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof FragmentDefinition fragment) {
                fragments.put(fragment.getName(), fragment);
                aliases += aliases(fragment.getSelectionSet());
            } else if (definition instanceof OperationDefinition operation) {
                aliases += aliases(operation.getSelectionSet());
            }
        }
        if (aliases > limits.maxAliases()) {
            return Checked.refused("aliases", "The document uses " + aliases + " aliases; at most "
                    + limits.maxAliases() + " are allowed.");
        }
        Measure measure = new Measure(fragments);
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof OperationDefinition operation) {
                Shape shape;
                try {
                    shape = measure.of(operation.getSelectionSet());
                } catch (FragmentCycle cycle) {
                    return Checked.refused("syntax", "Fragment \"" + cycle.name + "\" spreads into itself.");
                } catch (IntrospectionRefused refused) {
                    return Checked.refused("introspection", refused.getMessage());
                }
                if (shape.depth > limits.maxDepth()) {
                    return Checked.refused("depth", "The operation nests fields " + shape.depth
                            + " deep; at most " + limits.maxDepth() + " is allowed.");
                }
                if (shape.fields > limits.maxComplexity()) {
                    return Checked.refused("complexity", "The operation selects " + shape.fields
                            + " fields; at most " + limits.maxComplexity() + " are allowed.");
                }
            }
        }
        return new Checked(document, null);
    }

    /** The refusal's message; never the name itself, which may be huge. */
    public static String operationNameTooLong(String name) {
        return "An operation name has " + name.length() + " characters; at most " + MAX_OPERATION_NAME_CHARS
                + " are allowed.";
    }

    private static int aliases(SelectionSet set) {
        if (set == null) {
            return 0;
        }
        int count = 0;
        for (Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field) {
                count += (field.getAlias() != null ? 1 : 0) + aliases(field.getSelectionSet());
            } else if (selection instanceof InlineFragment inline) {
                count += aliases(inline.getSelectionSet());
            }
        }
        return count;
    }

    private record Shape(int depth, long fields) {
        static final Shape EMPTY = new Shape(0, 0);
    }

    private static final class FragmentCycle extends RuntimeException {
        final String name;

        FragmentCycle(String name) {
            super(null, null, false, false);
            this.name = name;
        }
    }

    private static final class IntrospectionRefused extends RuntimeException {
        IntrospectionRefused(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Measure {
        private final Map<String, FragmentDefinition> fragments;
        private final Map<String, Shape> measured = new HashMap<>();
        private final Set<String> measuring = new HashSet<>();
        private int introspectionFields;

        Measure(Map<String, FragmentDefinition> fragments) {
            this.fragments = fragments;
        }

        Shape of(SelectionSet set) {
            if (set == null) {
                return Shape.EMPTY;
            }
            int depth = 0;
            long fields = 0;
            for (Selection<?> selection : set.getSelections()) {
                Shape inner;
                if (selection instanceof Field field && INTROSPECTION_ROOTS.contains(field.getName())) {
                    // not data: bounded by checkIntrospection, counted neither in depth nor in complexity
                    checkIntrospection(field.getSelectionSet(), 1, new HashSet<>(), new HashSet<>());
                    inner = Shape.EMPTY;
                } else if (selection instanceof Field field) {
                    inner = of(field.getSelectionSet());
                    inner = new Shape(inner.depth + 1, inner.fields + 1);
                } else if (selection instanceof InlineFragment inline) {
                    inner = of(inline.getSelectionSet());
                } else if (selection instanceof FragmentSpread spread) {
                    inner = fragment(spread.getName());
                } else {
                    inner = Shape.EMPTY;
                }
                depth = Math.max(depth, inner.depth);
                // saturate: a fragment bomb's count only needs to be "too many"
                fields = Math.min(Long.MAX_VALUE / 2, fields + inner.fields);
            }
            return new Shape(depth, fields);
        }

        /** Walks an introspection selection: depth within its bound, each type-cycle field at most once per path. */
        private void checkIntrospection(SelectionSet set, int depth, Set<String> onPath, Set<String> spreading) {
            if (set == null) {
                return;
            }
            if (depth >= MAX_INTROSPECTION_DEPTH) {
                throw new IntrospectionRefused("The introspection nests fields deeper than "
                        + MAX_INTROSPECTION_DEPTH + ".");
            }
            for (Selection<?> selection : set.getSelections()) {
                if (selection instanceof Field field) {
                    if (++introspectionFields > MAX_INTROSPECTION_FIELDS) {
                        throw new IntrospectionRefused("The introspection selects more than "
                                + MAX_INTROSPECTION_FIELDS + " fields.");
                    }
                    String name = field.getName();
                    boolean cycle = TYPE_CYCLES.contains(name);
                    if (cycle && !onPath.add(name)) {
                        throw new IntrospectionRefused("The introspection selects \"" + name
                                + "\" inside \"" + name + "\"; each of " + TYPE_CYCLES + " may appear once on a path.");
                    }
                    checkIntrospection(field.getSelectionSet(), depth + 1, onPath, spreading);
                    if (cycle) {
                        onPath.remove(name);
                    }
                } else if (selection instanceof InlineFragment inline) {
                    checkIntrospection(inline.getSelectionSet(), depth, onPath, spreading);
                } else if (selection instanceof FragmentSpread spread) {
                    FragmentDefinition definition = fragments.get(spread.getName());
                    if (definition != null) {
                        if (!spreading.add(spread.getName())) {
                            throw new FragmentCycle(spread.getName());
                        }
                        checkIntrospection(definition.getSelectionSet(), depth, onPath, spreading);
                        spreading.remove(spread.getName());
                    }
                }
            }
        }

        private Shape fragment(String name) {
            Shape known = measured.get(name);
            if (known != null) {
                return known;
            }
            FragmentDefinition definition = fragments.get(name);
            if (definition == null) {
                return Shape.EMPTY; // validation reports the unknown fragment
            }
            if (!measuring.add(name)) {
                throw new FragmentCycle(name);
            }
            Shape shape = of(definition.getSelectionSet());
            measuring.remove(name);
            measured.put(name, shape);
            return shape;
        }
    }
}
