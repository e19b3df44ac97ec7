package io.releasegraph.error;

import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import io.smallrye.graphql.api.ErrorExtensionProvider;

/**
 * The error contract's extra {@code extensions} keys, registered through
 * {@code META-INF/services/io.smallrye.graphql.api.ErrorExtensionProvider}. A provider that has nothing to
 * say returns {@code null}, which SmallRye 2.17 writes as the key with a JSON {@code null} (the compiled engine
 * writes the same, so both engines answer alike).
 */
public final class ErrorExtensions {

    private ErrorExtensions() {
    }

    /**
     * The value of {@code accessor} (an {@code Optional} or a number) on the first exception in the cause chain
     * that is an {@code owner}. Matched by class name and read reflectively, not with instanceof: SmallRye loads
     * these providers once per JVM, and a restarted application (a new test profile) has its own classes.
     */
    private static JsonValue from(Throwable error, Class<?> owner, String accessor) {
        Throwable cause = error;
        // SmallRye hands over what the data fetcher threw; async resolvers may wrap ours once or twice.
        for (int depth = 0; cause != null && depth < 4; depth++, cause = cause.getCause()) {
            if (isA(cause.getClass(), owner.getName())) {
                return toJson(read(cause, accessor));
            }
        }
        return null;
    }

    private static boolean isA(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static Object read(Throwable error, String accessor) {
        try {
            Object value = error.getClass().getMethod(accessor).invoke(error);
            return value instanceof Optional<?> optional ? optional.orElse(null) : value;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static JsonValue toJson(Object value) {
        if (value instanceof Number number) {
            return Json.createValue(number.longValue());
        }
        return value == null ? null : Json.createValue(value.toString());
    }

    /** {@code extensions.upstream}: which upstream was involved. */
    public static final class Upstream implements ErrorExtensionProvider {
        @Override
        public String getKey() {
            return "upstream";
        }

        @Override
        public JsonValue mapValueFrom(Throwable error) {
            return from(error, GatewayException.class, "upstream");
        }
    }

    /** {@code extensions.http.status}: what the upstream answered. */
    public static final class Http implements ErrorExtensionProvider {
        @Override
        public String getKey() {
            return "http";
        }

        @Override
        public JsonValue mapValueFrom(Throwable error) {
            JsonValue status = from(error, GatewayException.class, "httpStatus");
            return status == null ? null : Json.createObjectBuilder().add("status", status).build();
        }
    }

    /** {@code extensions.field}: the invalid argument or input field. */
    public static final class Field implements ErrorExtensionProvider {
        @Override
        public String getKey() {
            return "field";
        }

        @Override
        public JsonValue mapValueFrom(Throwable error) {
            return from(error, ValidationException.class, "field");
        }
    }

    /** {@code extensions.retryAfterSeconds}: when a rate-limited call may be tried again. */
    public static final class RetryAfter implements ErrorExtensionProvider {
        @Override
        public String getKey() {
            return "retryAfterSeconds";
        }

        @Override
        public JsonValue mapValueFrom(Throwable error) {
            return from(error, UpstreamRateLimitedException.class, "retryAfterSeconds");
        }
    }

    /** {@code extensions.upstreamCode}: the upstream's own error code from its error body. */
    public static final class UpstreamCode implements ErrorExtensionProvider {
        @Override
        public String getKey() {
            return "upstreamCode";
        }

        @Override
        public JsonValue mapValueFrom(Throwable error) {
            return from(error, GatewayException.class, "upstreamCode");
        }
    }

    /** {@code extensions.upstreamMessage}: the upstream's own error message (at most 500 characters, redacted). */
    public static final class UpstreamMessage implements ErrorExtensionProvider {
        @Override
        public String getKey() {
            return "upstreamMessage";
        }

        @Override
        public JsonValue mapValueFrom(Throwable error) {
            return from(error, GatewayException.class, "upstreamMessage");
        }
    }
}
