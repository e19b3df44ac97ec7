package io.releasegraph.sandbox.trifacta;

import jakarta.ws.rs.QueryParam;

/**
 * The v4 paging query parameters as sent, so that a bad value answers 400 {@code ValidationFailed}
 * rather than the framework's conversion error.
 */
public class PageQuery {

    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 1000;

    @QueryParam("limit")
    String limit;

    @QueryParam("offset")
    String offset;

    /** {@code noLimit=true} lifts the limit, as on the real API. */
    @QueryParam("noLimit")
    String noLimit;

    Paging paging() {
        int parsedOffset = TrifactaRequests.integer("offset", offset, 0);
        if (TrifactaRequests.bool("noLimit", noLimit)) {
            return new Paging(Integer.MAX_VALUE, parsedOffset);
        }
        int parsedLimit = TrifactaRequests.integer("limit", limit, DEFAULT_LIMIT);
        if (parsedLimit > MAX_LIMIT) {
            throw TrifactaApiException.validation("Invalid limit", "limit must be at most " + MAX_LIMIT);
        }
        return new Paging(parsedLimit, parsedOffset);
    }
}
