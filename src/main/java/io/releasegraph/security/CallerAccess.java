package io.releasegraph.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.releasegraph.error.ForbiddenException;
import io.releasegraph.error.GatewayException;
import io.releasegraph.error.UnauthenticatedException;
import io.smallrye.mutiny.Uni;

/**
 * The one decision on who may do what, for every transport: the HTTP request guard (before a request is read)
 * and the resolver interceptor (per operation, also over the WebSocket) both ask it. The identity comes from Quarkus
 * security, which verifies the bearer token from the {@code Authorization} header or the graphql-transport-ws
 * {@code connection_init} payload.
 */
@ApplicationScoped
public class CallerAccess {

    static final String NO_TOKEN = "Send a bearer token: Authorization: Bearer <JWT> (in GraphiQL, in the headers pane; "
            + "over the WebSocket, in the connection_init payload).";
    static final String BAD_TOKEN = "The bearer token was refused: it is expired, malformed, or not signed by a key "
            + "this gateway trusts.";

    private final CurrentIdentityAssociation identities;

    CallerAccess(CurrentIdentityAssociation identities) {
        this.identities = identities;
    }

    /** The current caller when it holds the role, else UNAUTHENTICATED or FORBIDDEN. */
    public Uni<SecurityIdentity> require(Role role) {
        return check(identities.getDeferredIdentity(), role);
    }

    /** As {@link #require}, for an identity that is still being verified. */
    public static Uni<SecurityIdentity> check(Uni<SecurityIdentity> identity, Role role) {
        return identity
                // never the verifier's message: it may quote the token
                .onFailure().transform(failure -> new UnauthenticatedException(BAD_TOKEN))
                .invoke(caller -> {
                    Optional<GatewayException> refused = refusal(caller, role);
                    if (refused.isPresent()) {
                        throw refused.get();
                    }
                });
    }

    /** Why this caller may not act with the role, or empty when it may. */
    public static Optional<GatewayException> refusal(SecurityIdentity caller, Role role) {
        if (caller == null || caller.isAnonymous()) {
            return Optional.of(new UnauthenticatedException(NO_TOKEN));
        }
        if (!caller.hasRole(role.claim())) {
            return Optional.of(new ForbiddenException(role == Role.OPERATOR
                    ? "Mutations need the operator role; this token has only "
                            + (caller.hasRole(Role.VIEWER.claim()) ? "viewer." : "no gateway role.")
                    : "This token has no gateway role (viewer or operator)."));
        }
        return Optional.empty();
    }
}
