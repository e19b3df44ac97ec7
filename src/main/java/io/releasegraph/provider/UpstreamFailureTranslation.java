package io.releasegraph.provider;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.smallrye.mutiny.Uni;

/**
 * Wraps every method of an {@link UpstreamClient}, so that the fault-tolerance guard's own exceptions (a timeout, an
 * open breaker; see {@link UpstreamGuards}) leave the client as UPSTREAM_TIMEOUT and UPSTREAM_UNAVAILABLE naming the
 * upstream, like every other failure. Inside, the clients translate on their own, so the breaker and retry see
 * contract exceptions.
 */
@UpstreamClient
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class UpstreamFailureTranslation {

    @AroundInvoke
    Object translate(InvocationContext invocation) throws Exception {
        Object result = invocation.proceed();
        if (result instanceof Uni<?> uni && invocation.getTarget() instanceof ReleaseProvider provider) {
            return uni.onFailure().transform(failure -> UpstreamFailures.translate(provider, failure));
        }
        return result;
    }
}
