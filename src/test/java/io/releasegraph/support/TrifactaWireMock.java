package io.releasegraph.support;

/** WireMock as Trifacta Deployment Manager. */
public class TrifactaWireMock extends WireMockUpstream {

    @Override
    protected String upstream() {
        return "trifacta";
    }
}
