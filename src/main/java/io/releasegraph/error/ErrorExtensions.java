package io.releasegraph.error;

import java.util.Optional;
import java.util.function.Function;

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

    private static <T> JsonValue from(Throwable error, Class<T> type, Function<T, Optional<JsonValue>> value) {
        Throwable cause = error;
        // SmallRye hands over what the data fetcher threw; async resolvers may wrap ours once or twice.
        for (int depth = 0; cause != null && depth < 4; depth++, cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return value.apply(type.cast(cause)).orElse(null);
            }
        }
        return null;
    }

    /** {@code extensions.upstream}: which upstream was involved. */
    public static final class Upstream implements ErrorExtensionProvider {
        @Override
        public String getKey() {
            return "upstream";
        }

        @Override
        public JsonValue mapValueFrom(Throwable error) {
            return from(error, GatewayException.class, e -> e.upstream().map(Json::createValue));
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
            return from(error, GatewayException.class,
                    e -> e.httpStatus().map(status -> Json.createObjectBuilder().add("status", status).build()));
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
            return from(error, ValidationException.class, e -> e.field().map(Json::createValue));
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
            return from(error, UpstreamRateLimitedException.class,
                    e -> Optional.of(Json.createValue(e.retryAfterSeconds())));
        }
    }
}
