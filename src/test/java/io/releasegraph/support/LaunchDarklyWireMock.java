package io.releasegraph.support;

/** WireMock as LaunchDarkly's release APIs. */
public class LaunchDarklyWireMock extends WireMockUpstream {

    @Override
    protected String upstream() {
        return "launchdarkly";
    }
}
