package io.releasegraph.cache;

/**
 * What an upstream said identifies the representation it sent (HTTP {@code ETag}, {@code Last-Modified}); either may
 * be null. Sent back as {@code If-None-Match} / {@code If-Modified-Since}, a 304 renews a cached copy without a body.
 */
public record Validators(String etag, String lastModified) {

    public static final Validators NONE = new Validators(null, null);

    public boolean isEmpty() {
        return etag == null && lastModified == null;
    }
}
