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
}
