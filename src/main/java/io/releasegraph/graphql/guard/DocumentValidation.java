package io.releasegraph.graphql.guard;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.execution.CoercedVariables;
import graphql.execution.RawVariables;
import graphql.execution.ValuesResolver;
import graphql.language.Document;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.OperationDefinition;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.VariableDefinition;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import graphql.validation.Validator;

/**
 * The schema's own checks (unknown fields, wrong argument and variable types, missing variables) run before
 * execution, so that they come back as VALIDATION errors naming the query or the variables: graphql-java reports
 * them with a {@code classification} only, which a client cannot tell apart from other failures.
 */
final class DocumentValidation {

    /** A refusal: {@code field} is {@code query} or {@code variables}. */
    record Problem(String field, String message) {
    }

    /** The outcome for one request: the operation to run with its coerced variables, or why not. */
    record Outcome(OperationDefinition operation, CoercedVariables variables, Problem problem) {
        static Outcome refused(String field, String message) {
            return new Outcome(null, null, new Problem(field, message));
        }
    }

    private DocumentValidation() {
    }

    /** The schema's rules, which depend on the document only: run once per document text (see the guard's cache). */
    static Optional<Problem> validate(GraphQLSchema schema, Document document) {
        List<ValidationError> invalid = new Validator().validateDocument(schema, document, Locale.ENGLISH);
        return invalid.isEmpty() ? Optional.empty() : Optional.of(new Problem("query", messages(invalid)));
    }

    /** The operation asked for, and the request's variables held to the spec and coerced to its definitions. */
    static Outcome prepare(GraphQLSchema schema, Document document, String operationName, Map<String, Object> variables) {
        Optional<OperationDefinition> operation = operation(document, operationName);
        if (operation.isEmpty()) {
            return Outcome.refused("query", operationName == null
                    ? "The document has several operations: say which one with `operationName`."
                    : "The document has no operation named \"" + operationName + "\".");
        }
        Optional<Problem> loose = strictScalars(operation.get(), variables);
        if (loose.isPresent()) {
            return new Outcome(null, null, loose.get());
        }
        try {
            return new Outcome(operation.get(), ValuesResolver.coerceVariableValues(schema,
                    operation.get().getVariableDefinitions(), RawVariables.of(variables), GraphQLContext.getDefault(),
                    Locale.ENGLISH), null);
        } catch (RuntimeException wrong) {
            String message = wrong instanceof GraphQLError error ? error.getMessage() : "The variables do not fit the operation.";
            return Outcome.refused("variables", message);
        }
    }

    /**
     * SmallRye's scalars accept a string for a number or a boolean ("10"), and a string that is no number then fails
     * late and without a code; the GraphQL spec wants JSON numbers and booleans for these, so they are held to it.
     */
    private static Optional<Problem> strictScalars(OperationDefinition operation, Map<String, Object> variables) {
        for (VariableDefinition definition : operation.getVariableDefinitions()) {
            Type<?> type = definition.getType();
            boolean list = false;
            while (!(type instanceof TypeName)) {
                list |= type instanceof ListType;
                type = type instanceof NonNullType nonNull ? nonNull.getType() : ((ListType) type).getType();
            }
            String scalar = ((TypeName) type).getName();
            Object value = variables.get(definition.getName());
            List<?> values = list && value instanceof List<?> many ? many : java.util.Collections.singletonList(value);
            for (Object one : values) {
                boolean fits = one == null || switch (scalar) {
                    case "Int" -> one instanceof Integer || one instanceof Long;
                    case "Float" -> one instanceof Number;
                    case "Boolean" -> one instanceof Boolean;
                    case "String" -> one instanceof String;
                    default -> true;
                };
                if (!fits) {
                    return Optional.of(new Problem("variables", "Variable '" + definition.getName() + "' must be "
                            + (list ? "a list of " : "") + "JSON " + switch (scalar) {
                                case "Int", "Float" -> "numbers";
                                case "Boolean" -> "booleans";
                                default -> "strings";
                            } + " (" + scalar + ")."));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<OperationDefinition> operation(Document document, String name) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        if (name == null) {
            return operations.size() == 1 ? Optional.of(operations.get(0)) : Optional.empty();
        }
        return operations.stream().filter(operation -> name.equals(operation.getName())).findFirst();
    }

    private static String messages(List<ValidationError> errors) {
        StringBuilder text = new StringBuilder();
        for (ValidationError error : errors.subList(0, Math.min(5, errors.size()))) {
            text.append(text.isEmpty() ? "" : " ").append(error.getDescription() != null ? error.getDescription()
                    : error.getMessage());
        }
        return text.toString();
    }
}
