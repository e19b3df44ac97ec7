package io.releasegraph.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.whitelist.StatusType;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import com.atlassian.oai.validator.whitelist.rule.WhitelistRules;

import io.restassured.http.Header;
import io.restassured.response.Response;

/**
 * Checks LaunchDarkly traffic against the vendor's OpenAPI extract in {@code src/test/resources/openapi}: the
 * sandbox's responses in its own tests, the gateway's requests in the provider tests.
 *
 * <p>Paths are API paths as the vendor serves them ({@code /api/v2/...}, optionally with a query string), without
 * any sandbox prefix. Only the spec's parameters are checked: the {@code LD-API-Version} header, which the spec does
 * not model, and {@code Authorization} (a security scheme no operation requires) pass untouched.
 *
 * <p>The validator is stricter than OpenAPI itself: a property the schema does not list is an error. That catches
 * misspelt fields ({@code _Id}, {@code isLegacy}); the one exception allowed is the {@code id} LaunchDarkly adds to
 * error bodies.
 */
public final class LaunchDarklyOpenApi {

    public static final String SPEC_RESOURCE = "openapi/launchdarkly-releases-openapi.yaml";

    /** Parsing the spec takes a while, so it happens once per JVM, on first use. */
    private static final class Holder {
        static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
                .createForInlineApiSpecification(readSpec())
                .withWhitelist(ValidationErrorsWhitelist.create().withRule(
                        "LaunchDarkly errors carry an id the *ErrorRep schemas leave out (docs: Errors)",
                        WhitelistRules.allOf(
                                WhitelistRules.isResponse(),
                                WhitelistRules.anyOf(WhitelistRules.responseStatusTypeIs(StatusType.CLIENT_ERROR),
                                        WhitelistRules.responseStatusTypeIs(StatusType.SERVER_ERROR)),
                                WhitelistRules.messageHasKey("validation.response.body.schema.additionalProperties"),
                                WhitelistRules.messageContainsSubstring("[\"id\"]"))))
                .build();
    }

    private LaunchDarklyOpenApi() {
    }

    /** The spec's complaints about a response, one readable line each; empty when it conforms. */
    public static List<String> responseProblems(String method, String path, int status, Map<String, String> headers,
            String body) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        headers.forEach(response::withHeader);
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        ValidationReport report = Holder.VALIDATOR.validateResponse(pathOnly(path), method(method), response.build());
        return problems(report);
    }

    /** The spec's complaints about a request, one readable line each; empty when it conforms. */
    public static List<String> requestProblems(String method, String path, Map<String, String> headers, String body) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method(method), pathOnly(path));
        headers.forEach(request::withHeader);
        queryParams(path).forEach(request::withQueryParam);
        if (body != null && !body.isEmpty()) {
            request.withBody(body);
        }
        return problems(Holder.VALIDATOR.validateRequest(request.build()));
    }

    public static void assertValidResponse(String method, String path, int status, Map<String, String> headers,
            String body) {
        fail("Response to " + method + " " + path + " (" + status + ")", responseProblems(method, path, status, headers,
                body), body);
    }

    public static void assertValidRequest(String method, String path, Map<String, String> headers, String body) {
        fail("Request " + method + " " + path, requestProblems(method, path, headers, body), body);
    }

    /** The same check for a RestAssured response. */
    public static void assertValidResponse(String method, String path, Response response) {
        Map<String, String> headers = response.getHeaders().asList().stream()
                .collect(Collectors.toMap(Header::getName, Header::getValue, (first, second) -> first));
        assertValidResponse(method, path, response.getStatusCode(), headers, response.asString());
    }

    private static void fail(String what, List<String> problems, String body) {
        if (!problems.isEmpty()) {
            throw new AssertionError(what + " does not match the LaunchDarkly OpenAPI spec:\n  - "
                    + String.join("\n  - ", problems) + "\nbody: " + body);
        }
    }

    private static List<String> problems(ValidationReport report) {
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage()
                        + (m.getAdditionalInfo().isEmpty() ? "" : " " + m.getAdditionalInfo()))
                .toList();
    }

    private static Request.Method method(String method) {
        return Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
    }

    private static String pathOnly(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static Map<String, List<String>> queryParams(String path) {
        int query = path.indexOf('?');
        if (query < 0) {
            return Map.of();
        }
        return Arrays.stream(path.substring(query + 1).split("&"))
                .filter(pair -> !pair.isEmpty())
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.groupingBy(kv -> decode(kv[0]),
                        Collectors.mapping(kv -> kv.length > 1 ? decode(kv[1]) : "", Collectors.toList())));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String readSpec() {
        try (InputStream in = LaunchDarklyOpenApi.class.getClassLoader().getResourceAsStream(SPEC_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + SPEC_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
