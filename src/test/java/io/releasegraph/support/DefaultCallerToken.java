package io.releasegraph.support;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * The one place where tests become an authenticated caller: every RestAssured request to {@code /graphql} that
 * names no {@code Authorization} of its own goes out with an operator token, so the tests written before caller
 * auth keep testing what they tested. A request that must stay anonymous says so with {@link TestTokens#ANONYMOUS}.
 */
public final class DefaultCallerToken implements Filter {

    static final String ANONYMOUS_HEADER = "X-Test-Anonymous";
    private static final DefaultCallerToken INSTANCE = new DefaultCallerToken();

    private DefaultCallerToken() {
    }

    /** Idempotent: CleanSlateCallback calls it before every test method. */
    public static void install() {
        if (!RestAssured.filters().contains(INSTANCE)) {
            RestAssured.filters(INSTANCE);
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext context) {
        if (request.getHeaders().hasHeaderWithName(ANONYMOUS_HEADER)) {
            request.removeHeader(ANONYMOUS_HEADER);
        } else if (!request.getHeaders().hasHeaderWithName("Authorization") && isGraphQL(request)) {
            request.header("Authorization", "Bearer " + TestTokens.operator());
        }
        return context.next(request, response);
    }

    private static boolean isGraphQL(FilterableRequestSpecification request) {
        String path = request.getDerivedPath();
        return path != null && (path.equals("/graphql") || path.startsWith("/graphql/"));
    }
}
