package io.releasegraph.error;

import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.microprofile.graphql.GraphQLException;

import io.smallrye.graphql.api.ErrorCode;

/**
 * Data and an error in one answer: a resolver fails its {@code Uni} with this, and SmallRye puts
 * {@link #getPartialResults()} in {@code data} and this exception in {@code errors} (its {@code AbstractAsyncDataFetcher}
 * does so for every {@link GraphQLException}). SmallRye reads {@code extensions.code} from the thrown class's
 * {@code @ErrorCode}, so there is one subclass per contract code, chosen after the first failure; that failure is the
 * cause, where {@link ErrorExtensions} finds {@code upstream}, {@code http.status} and {@code retryAfterSeconds}.
 */
public abstract class PartialResultException extends GraphQLException {

    private PartialResultException(String message, GatewayException cause, Object partialResults) {
        super(message, cause, partialResults);
    }

    /**
     * @param failures one per failed part, at least one; the first decides the code and extensions, the message names all
     */
    public static PartialResultException of(List<GatewayException> failures, Object partialResults) {
        GatewayException first = failures.get(0);
        String message = failures.stream().map(Throwable::getMessage).collect(Collectors.joining(" "))
                + " The other sources' results are in `data`.";
        return switch (first.code()) {
            case "NOT_FOUND" -> new NotFound(message, first, partialResults);
            case "VALIDATION" -> new Validation(message, first, partialResults);
            case "CONFLICT" -> new Conflict(message, first, partialResults);
            case "UNAUTHENTICATED" -> new Unauthenticated(message, first, partialResults);
            case "FORBIDDEN" -> new Forbidden(message, first, partialResults);
            case "UPSTREAM_UNAVAILABLE" -> new UpstreamUnavailable(message, first, partialResults);
            case "UPSTREAM_TIMEOUT" -> new UpstreamTimeout(message, first, partialResults);
            case "UPSTREAM_RATE_LIMITED" -> new UpstreamRateLimited(message, first, partialResults);
            default -> new UpstreamError(message, first, partialResults);
        };
    }

    /** The failure the code and extensions describe. */
    public GatewayException failure() {
        return (GatewayException) getCause();
    }

    @ErrorCode("NOT_FOUND")
    static final class NotFound extends PartialResultException {
        NotFound(String message, GatewayException cause, Object data) {
            super(message, cause, data);
        }
    }

    @ErrorCode("VALIDATION")
    static final class Validation extends PartialResultException {
        Validation(String message, GatewayException cause, Object data) {
            super(message, cause, data);
        }
    }

    @ErrorCode("CONFLICT")
    static final class Conflict extends PartialResultException {
        Conflict(String message, GatewayException cause, Object data) {
            super(message, cause, data);
        }
    }

    @ErrorCode("UNAUTHENTICATED")
    static final class Unauthenticated extends PartialResultException {
        Unauthenticated(String message, GatewayException cause, Object data) {
            super(message, cause, data);
        }
    }

    @ErrorCode("FORBIDDEN")
    static final class Forbidden extends PartialResultException {
        Forbidden(String message, GatewayException cause, Object data) {
            super(message, cause, data);
        }
    }

    @ErrorCode("UPSTREAM_ERROR")
    static final class UpstreamError extends PartialResultException {
        UpstreamError(String message, GatewayException cause, Object data) {
            super(message, cause, data);
        }
    }

    @ErrorCode("UPSTREAM_UNAVAILABLE")
    static final class UpstreamUnavailable extends PartialResultException {
        UpstreamUnavailable(String message, GatewayException cause, Object data) {
            super(message, cause, data);
        }
    }

    @ErrorCode("UPSTREAM_TIMEOUT")
    static final class UpstreamTimeout extends PartialResultException {
        UpstreamTimeout(String message, GatewayException cause, Object data) {
            super(message, cause, data);
        }
    }

    @ErrorCode("UPSTREAM_RATE_LIMITED")
    static final class UpstreamRateLimited extends PartialResultException {
        UpstreamRateLimited(String message, GatewayException cause, Object data) {
            super(message, cause, data);
        }
    }
}
