package io.releasegraph.error;

import java.util.Optional;

import io.smallrye.graphql.api.ErrorCode;

/** The caller's input is invalid; {@code extensions.field} names the argument or input field. */
@ErrorCode("VALIDATION")
public class ValidationException extends GatewayException {

    private final String field;

    public ValidationException(String field, String message) {
        super(message);
        this.field = field;
    }

    public ValidationException(String field, String message, String upstream, Integer httpStatus) {
        super(message, upstream, httpStatus, null);
        this.field = field;
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
