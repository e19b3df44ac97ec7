package io.releasegraph.security;

import java.lang.reflect.Method;
import java.util.Optional;

import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.graphql.api.Subscription;

/** What a caller's token allows, as the JWT {@code groups} claim names it. An operator is also a viewer. */
public enum Role {
    VIEWER("viewer"),
    OPERATOR("operator");

    private final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    /** The name in the token's {@code groups} claim. */
    public String claim() {
        return claim;
    }

    public static Optional<Role> fromClaim(String claim) {
        for (Role role : values()) {
            if (role.claim.equals(claim)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /**
     * The role a resolver method needs: operator for a mutation, viewer for a query or subscription, none for a
     * field of a type (its root operation was already checked).
     */
    public static Optional<Role> neededFor(Method method) {
        if (method.isAnnotationPresent(Mutation.class)) {
            return Optional.of(OPERATOR);
        }
        if (method.isAnnotationPresent(Query.class) || method.isAnnotationPresent(Subscription.class)) {
            return Optional.of(VIEWER);
        }
        return Optional.empty();
    }
}
