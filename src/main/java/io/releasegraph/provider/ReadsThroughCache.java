package io.releasegraph.provider;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a method of an {@link UpstreamClient} that answers from the {@code UpstreamCache} itself (LaunchDarkly's
 * client does, see its Javadoc): what it reads is tracked entry by entry, like any read through the cache, so it
 * does not keep a query's whole answer from being kept ({@link UncachedReads}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ReadsThroughCache {
}
