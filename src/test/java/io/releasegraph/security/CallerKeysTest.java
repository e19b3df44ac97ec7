package io.releasegraph.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** When the gateway makes its own signing key, and when it must refuse to start. */
class CallerKeysTest {

    @Test
    void aConfiguredKeyIsAlwaysUsed() {
        assertThat(CallerKeys.ownKeyNeeded(true, true)).isFalse();
        assertThat(CallerKeys.ownKeyNeeded(true, false)).isFalse();
    }

    @Test
    void theEmbeddedDefaultsMakeTheirOwnKey() {
        assertThat(CallerKeys.ownKeyNeeded(false, true)).isTrue();
    }

    @Test
    void productionWithoutAKeyRefusesToStart() {
        assertThatThrownBy(() -> CallerKeys.ownKeyNeeded(false, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mp.jwt.verify.publickey.location");
    }

    @Test
    void aRealUpstreamWithoutACallerKeyRefusesToStart() {
        assertThatThrownBy(() -> CallerKeys.requireKeyForRealUpstreams(false, java.util.List.of("cryptlex")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cryptlex")
                .hasMessageContaining("mp.jwt.verify.publickey.location");
        CallerKeys.requireKeyForRealUpstreams(true, java.util.List.of("cryptlex"));
        CallerKeys.requireKeyForRealUpstreams(false, java.util.List.of());
    }

    @Test
    void anUpstreamIsRealUnlessItsUrlIsABuiltInSandboxOfThisOrAnotherReplica() {
        org.eclipse.microprofile.config.Config config = new io.smallrye.config.SmallRyeConfigBuilder()
                .withDefaultValues(java.util.Map.of(
                        "quarkus.rest-client.trifacta.url", "http://127.0.0.1:8080/sandbox/trifacta",
                        "quarkus.rest-client.launchdarkly.url", "http://10.0.0.7:8080/sandbox/launchdarkly",
                        "quarkus.rest-client.cryptlex.url", "https://api.cryptlex.com",
                        "quarkus.rest-client.acme.url", "http://127.0.0.1:9/sandbox/trifacta",
                        "quarkus.rest-client.\"io.releasegraph.provider.trifacta.TrifactaRestClient\".url",
                        "http://127.0.0.1:8080/sandbox/trifacta"))
                .build();
        assertThat(CallerKeys.realUpstreams(config)).containsExactly("acme", "cryptlex");
    }
}
