package io.releasegraph.support;

/** WireMock as Cryptlex Web API v3. */
public class CryptlexWireMock extends WireMockUpstream {

    @Override
    protected String upstream() {
        return "cryptlex";
    }
}
