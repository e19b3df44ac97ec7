package io.releasegraph.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * On every {@code @GraphQLApi} class: each query and subscription needs a viewer, each mutation an operator
 * ({@link Role#neededFor}). A test checks that no resolver class lacks it.
 */
@InterceptorBinding
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface Authorized {
}
