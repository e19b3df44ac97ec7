package io.releasegraph.security;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Checks the caller's role before a root operation runs, for HTTP and WebSocket alike, and fails the operation's
 * {@code Uni} or {@code Multi} with UNAUTHENTICATED or FORBIDDEN; the resolver is not even called then.
 */
@Authorized
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class AuthorizationInterceptor {

    private final CallerAccess access;

    AuthorizationInterceptor(CallerAccess access) {
        this.access = access;
    }

    @AroundInvoke
    Object authorize(InvocationContext invocation) throws Exception {
        Optional<Role> needed = Role.neededFor(invocation.getMethod());
        if (needed.isEmpty()) {
            return invocation.proceed();
        }
        Class<?> returned = invocation.getMethod().getReturnType();
        if (Uni.class.isAssignableFrom(returned)) {
            return access.require(needed.get()).chain(caller -> (Uni<?>) proceed(invocation));
        }
        if (Multi.class.isAssignableFrom(returned)) {
            return subscription(access.require(needed.get()), invocation);
        }
        // Resolvers are asynchronous here (style guide §4); a blocking one would need its own check.
        throw new IllegalStateException(invocation.getMethod() + " must return Uni or Multi to be authorized");
    }

    /**
     * A refused subscription must fail when it is called, not later: SmallRye reports an exception thrown by the
     * subscription method to the WebSocket client, but only prints a failed stream. The caller's identity is known at
     * that point (set from the upgrade or {@code connection_init}), so the check completes at once; should it not,
     * the stream fails instead and the client receives nothing.
     */
    private static Object subscription(Uni<?> check, InvocationContext invocation) {
        AtomicReference<Object> outcome = new AtomicReference<>();
        check.subscribe().with(outcome::set, outcome::set);
        Object known = outcome.get();
        if (known instanceof RuntimeException refused) {
            throw refused;
        }
        if (known != null) {
            return proceed(invocation);
        }
        return check.onItem().transformToMulti(caller -> (Multi<?>) proceed(invocation));
    }

    private static Object proceed(InvocationContext invocation) {
        try {
            return invocation.proceed();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
