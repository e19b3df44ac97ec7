package io.releasegraph.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@code WireMockServer} field a {@link WireMockUpstream} resource fills in. With several upstreams on
 * WireMock in one test, {@link #value} names the upstream ({@code trifacta}, {@code cryptlex}, {@code launchdarkly}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectWireMock {

    /** The upstream whose server this field gets; empty for whichever one the test uses. */
    String value() default "";
}
