package io.releasegraph.security;

import java.util.Optional;

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
            return access.require(needed.get()).onItem().transformToMulti(caller -> (Multi<?>) proceed(invocation));
        }
        // Resolvers are asynchronous here (style guide §4); a blocking one would need its own check.
        throw new IllegalStateException(invocation.getMethod() + " must return Uni or Multi to be authorized");
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
