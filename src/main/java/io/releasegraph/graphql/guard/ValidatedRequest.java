package io.releasegraph.graphql.guard;

import java.util.Optional;

import graphql.execution.CoercedVariables;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import io.vertx.ext.web.RoutingContext;

/**
 * A {@code POST /graphql} request the guard let through: its document (parsed, within the limits, valid for the
 * schema), the operation to run and its variables coerced to the operation's definitions (and as sent, in JSON). Whatever executes the
 * request next reads it from the routing context instead of parsing and validating again.
 */
public record ValidatedRequest(String query, Document document, OperationDefinition operation,
        CoercedVariables variables, String variablesJson) {

    static final String KEY = ValidatedRequest.class.getName();

    public static Optional<ValidatedRequest> of(RoutingContext ctx) {
        return Optional.ofNullable(ctx.get(KEY));
    }

    void attachTo(RoutingContext ctx) {
        ctx.put(KEY, this);
    }
}
