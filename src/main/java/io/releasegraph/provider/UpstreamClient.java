package io.releasegraph.provider;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Marks a public upstream client bean ({@code <Provider>Client}, a {@link ReleaseProvider}): every {@code Uni} its
 * methods answer fails only with the error contract's exceptions, including the fault-tolerance layer's own
 * timeouts and open breakers (see {@link UpstreamFailureTranslation}).
 */
@InterceptorBinding
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface UpstreamClient {
}
