package io.releasegraph.provider.trifacta;

import java.util.Optional;

import jakarta.ws.rs.core.Response;

import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.error.GatewayException;
import io.releasegraph.error.UpstreamEndpointMissingException;
import io.releasegraph.provider.UpstreamErrorBody;
import io.releasegraph.provider.UpstreamFailures;

/**
 * Trifacta's error answers. A 404 means "no such object" only when it carries Trifacta's error body
 * ({@code {"exception": {...}}}, upstreams.md A.6); the seeds show no not-found body, so any exception body counts,
 * except {@code RouteNotFoundException}, the name a route-table server gives a path it does not serve. Any other 404
 * (no body, an HTML page, a proxy's JSON) is a missing endpoint: most likely an API version the installation does not
 * serve, so the message names {@code gateway.trifacta.api-version}.
 */
final class TrifactaErrors {

    static final String ROUTE_NOT_FOUND = "RouteNotFoundException";

    private TrifactaErrors() {
    }

    static GatewayException fromResponse(Response response) {
        Optional<UpstreamErrorBody> body = UpstreamErrorBody.read(response);
        if (response.getStatus() == 404 && !isObjectNotFound(body)) {
            GatewayException missing = new UpstreamEndpointMissingException("Trifacta has no such endpoint (HTTP 404 "
                    + "without Trifacta's not-found answer); check that gateway.trifacta.api-version (v4 or v3) and "
                    + "quarkus.rest-client.trifacta.url match the installation.", ReleaseSource.TRIFACTA.key(), 404);
            return body.map(answer -> missing.withUpstreamAnswer(answer.code(), answer.message())).orElse(missing);
        }
        return UpstreamFailures.fromResponse(ReleaseSource.TRIFACTA, response, body);
    }

    static boolean isObjectNotFound(Optional<UpstreamErrorBody> body) {
        return body.filter(UpstreamErrorBody::exceptionEnvelope)
                .filter(answer -> !ROUTE_NOT_FOUND.equals(answer.code()))
                .isPresent();
    }
}
