package io.releasegraph.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.smallrye.config.SmallRyeConfigBuilder;

/** Issue 15 item 5: the sandbox is on by default only while no upstream URL or credential is configured. */
class SandboxSwitchTest {

    @Test
    void unsetItIsOnOnlyWithoutARealUpstreamOrCredential() {
        assertThat(SandboxSwitch.decide(Optional.empty(), List.of(), List.of())).isTrue();
        assertThat(SandboxSwitch.decide(Optional.empty(), List.of("cryptlex"), List.of())).isFalse();
        assertThat(SandboxSwitch.decide(Optional.empty(), List.of(), List.of("gateway.trifacta.token"))).isFalse();
    }

    @Test
    void anExplicitSwitchDecidesEitherWay() {
        assertThat(SandboxSwitch.decide(Optional.of(true), List.of("cryptlex"), List.of("gateway.cryptlex.token")))
                .isTrue();
        assertThat(SandboxSwitch.decide(Optional.of(false), List.of(), List.of())).isFalse();
    }

    @Test
    void anUpstreamIsRealUnlessItsUrlIsABuiltInSandboxOfThisOrAnotherReplica() {
        Config config = config(Map.of(
                "quarkus.rest-client.trifacta.url", "http://127.0.0.1:8080/sandbox/trifacta",
                "quarkus.rest-client.launchdarkly.url", "http://10.0.0.7:8080/sandbox/launchdarkly",
                "quarkus.rest-client.cryptlex.url", "https://api.cryptlex.com",
                "quarkus.rest-client.acme.url", "http://127.0.0.1:9/sandbox/trifacta",
                "quarkus.rest-client.\"io.releasegraph.provider.trifacta.TrifactaRestClient\".url",
                "http://127.0.0.1:8080/sandbox/trifacta"));
        assertThat(SandboxSwitch.realUpstreams(config)).containsExactly("acme", "cryptlex");
    }

    @Test
    void aCredentialCountsUnlessItIsTheSandboxsOwnAndOnlyItsNameIsKept() {
        Config config = config(Map.of(
                "quarkus.rest-client.trifacta.url", "http://127.0.0.1:8080/sandbox/trifacta",
                "quarkus.rest-client.cryptlex.url", "http://127.0.0.1:8080/sandbox/cryptlex",
                "quarkus.rest-client.launchdarkly.url", "http://127.0.0.1:8080/sandbox/launchdarkly",
                "gateway.trifacta.token", "sandbox-trifacta-token",
                "gateway.cryptlex.token", "real-cryptlex-secret",
                "gateway.launchdarkly.token", "",
                "gateway.trifacta.username", "ops"));
        assertThat(SandboxSwitch.configuredCredentials(config))
                .containsExactly("gateway.cryptlex.token", "gateway.trifacta.username");
    }

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withDefaultValues(values).build();
    }
}
