package io.releasegraph.provider;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.releasegraph.cache.CacheRequest;
import io.releasegraph.cache.UpstreamCache;
import io.smallrye.mutiny.Uni;

/**
 * An upstream client called (for a {@code Uni}: an upstream call) other than as a cache loader (a write, or a read a service makes past the cache) makes
 * the current request's answer one that must not be kept whole: no cache entry stands for what it returned.
 */
@UpstreamClient
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER - 10)
public class UncachedReads {

    @AroundInvoke
    Object mark(InvocationContext invocation) throws Exception {
        if (Uni.class.isAssignableFrom(invocation.getMethod().getReturnType()) && !UpstreamCache.loading()) {
            CacheRequest.current().ifPresent(CacheRequest::uncacheable);
        }
        return invocation.proceed();
    }
}
