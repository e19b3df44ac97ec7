package io.releasegraph.provider;

import java.util.function.Function;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;

import io.releasegraph.cache.Fetched;
import io.releasegraph.cache.Validators;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.error.UpstreamErrorException;

/**
 * Conditional GETs of single upstream objects: a cached copy's validators go out as {@code If-None-Match} /
 * {@code If-Modified-Since} (REST client header parameters; null ones are not sent), and the answer's come back with
 * the value, so an unchanged object costs a 304 without a body. None of our upstreams documents validators; this
 * uses them when an upstream (or a proxy in front of it) sends them.
 */
public final class ConditionalGet {

    private ConditionalGet() {
    }

    public static String ifNoneMatch(Validators cached) {
        return cached.etag();
    }

    /** Only without an ETag: a server that has both compares the ETag (RFC 9110, 13.1.3). */
    public static String ifModifiedSince(Validators cached) {
        return cached.etag() == null ? cached.lastModified() : null;
    }

    /** A 304 (valid only when validators were sent) or the mapped body, each with the answer's validators. */
    public static <D, T> Fetched<T> answer(ReleaseSource upstream, Validators sent, RestResponse<D> response,
            Function<D, T> mapper) {
        Validators received = new Validators(response.getHeaderString(HttpHeaders.ETAG),
                response.getHeaderString(HttpHeaders.LAST_MODIFIED));
        if (response.getStatus() == Response.Status.NOT_MODIFIED.getStatusCode()) {
            if (sent.isEmpty()) {
                throw new UpstreamErrorException(UpstreamFailures.displayName(upstream)
                        + " answered 304 Not Modified to a request without validators.", upstream.key(), 304, null);
            }
            return Fetched.notModified(received);
        }
        return Fetched.of(mapper.apply(response.getEntity()), received);
    }
}
