package io.releasegraph.sandbox.trifacta;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.releasegraph.sandbox.trifacta.TrifactaJson.ErrorBody;
import io.releasegraph.sandbox.trifacta.TrifactaJson.ExceptionInfo;

/** An error the sandbox answers as {@code {"exception": {"name", "message", "details"}}}. */
public class TrifactaApiException extends RuntimeException {

    private final int status;
    private final String name;
    private final String details;

    public TrifactaApiException(int status, String name, String message, String details) {
        super(message);
        this.status = status;
        this.name = name;
        this.details = details;
    }

    static TrifactaApiException validation(String message, String details) {
        return new TrifactaApiException(400, "ValidationFailed", message, details);
    }

    static TrifactaApiException notFound(String kind, int id) {
        return new TrifactaApiException(404, "NotFound", kind + " " + id + " not found",
                "No " + kind.toLowerCase() + " with id " + id + " exists");
    }

    static TrifactaApiException gone(String kind, int id) {
        return new TrifactaApiException(410, "Gone", kind + " " + id + " has been deleted",
                "The " + kind.toLowerCase() + " was deleted earlier");
    }

    static TrifactaApiException authenticationFailed(String details) {
        return new TrifactaApiException(401, "AuthenticationFailed", "Authentication failed", details);
    }

    /** For statuses the framework produced (unknown route, wrong method or media type, ...). */
    static TrifactaApiException forStatus(int status, String details) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String message = known == null ? "Request failed" : known.getReasonPhrase();
        return new TrifactaApiException(status, nameFor(status), message, details);
    }

    private static String nameFor(int status) {
        return switch (status) {
            case 400 -> "ValidationFailed";
            case 401 -> "AuthenticationFailed";
            case 403 -> "AccessControlException";
            case 404 -> "RouteNotFoundException"; // only the framework answers 404 itself: an unknown route
            case 405 -> "MethodNotAllowed";
            case 406 -> "NotAcceptable";
            case 410 -> "Gone";
            case 415 -> "UnsupportedMediaType";
            default -> status >= 500 ? "InternalServerError" : "RequestFailed";
        };
    }

    public int status() {
        return status;
    }

    public ErrorBody body() {
        return new ErrorBody(new ExceptionInfo(name, getMessage(), details));
    }

    public Response toResponse() {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body()).build();
    }
}
