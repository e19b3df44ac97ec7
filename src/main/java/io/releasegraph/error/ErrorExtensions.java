package io.releasegraph.error;

import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import io.smallrye.graphql.api.ErrorExtensionProvider;

/**
 * The error contract's extra {@code extensions} keys, registered through
 * {@code META-INF/services/io.smallrye.graphql.api.ErrorExtensionProvider}. A provider that has nothing to
 * say returns {@code null}, and SmallRye then leaves its key out.
 */
public final class ErrorExtensions {

    private ErrorExtensions() {
    }

    /**
     * The value of {@code accessor} on the first exception in the cause chain that is a {@code type}, or null.
     * <p>
     * By class name and reflection, not {@code instanceof}: SmallRye keeps the providers in a static field of a
     * library class, so after a restart in dev mode or between differently configured {@code @QuarkusTest}s they may
     * come from an earlier application class loader than the exception they are given.
     */
    private static Object from(Throwable error, Class<?> type, String accessor) {
        Throwable cause = error;
        // SmallRye hands over what the data fetcher threw; async resolvers and partial results wrap ours once or twice.
        for (int depth = 0; cause != null && depth < 4; depth++, cause = cause.getCause()) {
            if (isA(cause.getClass(), type.getName())) {
                try {
                    Object value = cause.getClass().getMethod(accessor).invoke(cause);
                    return value instanceof Optional<?> optional ? optional.orElse(null) : value;
                } catch (ReflectiveOperationException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static boolean isA(Class<?> type, String name) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            if (current.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** {@code extensions.upstream}: which upstream was involved. */
    public static final class Upstream implements ErrorExtensionProvider {
        @Override
        public String getKey() {
            return "upstream";
        }

        @Override
        public JsonValue mapValueFrom(Throwable error) {
            return from(error, GatewayException.class, "upstream") instanceof String upstream
                    ? Json.createValue(upstream)
                    : null;
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
            return from(error, GatewayException.class, "httpStatus") instanceof Integer status
                    ? Json.createObjectBuilder().add("status", status).build()
                    : null;
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
            return from(error, ValidationException.class, "field") instanceof String field
                    ? Json.createValue(field)
                    : null;
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
            return from(error, UpstreamRateLimitedException.class, "retryAfterSeconds") instanceof Long seconds
                    ? Json.createValue(seconds)
                    : null;
        }
    }
}
