package io.releasegraph.domain;

/** What `productReleases` narrows the list by; Cryptlex applies it. Every null condition is left out. */
public record ProductReleaseFilter(String productId, String channel, String platform, Boolean published,
        Boolean isPrivate, String search) {

    public static final ProductReleaseFilter ALL = new ProductReleaseFilter(null, null, null, null, null, null);

    /** A stable text form, for cache keys. */
    public String canonical() {
        return "productId=" + productId + "&channel=" + channel + "&platform=" + platform + "&published=" + published
                + "&private=" + isPrivate + "&search=" + search;
    }
}
