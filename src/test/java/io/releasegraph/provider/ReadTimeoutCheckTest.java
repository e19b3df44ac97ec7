package io.releasegraph.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.releasegraph.domain.ReleaseSource;

/** The start-up check that no REST client read timeout cuts an operation before its own timeout. */
class ReadTimeoutCheckTest {

    /** The shipped values: 10 s per call, importRelease 60 s. */
    private static final UpstreamGuardConfig SHIPPED = config(Duration.ofSeconds(10),
            Map.of("trifacta-importRelease", Duration.ofSeconds(60)));

    @Test
    void theOldTenSecondTrifactaReadTimeoutWouldCutTheSixtySecondImport() {
        assertThat(UpstreamGuards.readTimeoutProblem(SHIPPED, ReleaseSource.TRIFACTA, Optional.of(10_000L)))
                .hasValueSatisfying(problem -> assertThat(problem).contains("10000 ms").contains("PT1M"));
    }

    @Test
    void aReadTimeoutAboveEveryOperationTimeoutPasses() {
        assertThat(UpstreamGuards.readTimeoutProblem(SHIPPED, ReleaseSource.TRIFACTA, Optional.of(65_000L))).isEmpty();
        // importRelease is Trifacta's: it does not raise the bound of another upstream
        assertThat(UpstreamGuards.readTimeoutProblem(SHIPPED, ReleaseSource.CRYPTLEX, Optional.of(15_000L))).isEmpty();
        assertThat(UpstreamGuards.readTimeoutProblem(SHIPPED, ReleaseSource.CRYPTLEX, Optional.empty())).isEmpty();
    }

    @Test
    void theDefaultCallTimeoutCountsToo() {
        assertThat(UpstreamGuards.readTimeoutProblem(SHIPPED, ReleaseSource.LAUNCHDARKLY, Optional.of(9_999L)))
                .isPresent();
    }

    private static UpstreamGuardConfig config(Duration timeout, Map<String, Duration> operations) {
        return new UpstreamGuardConfig() {
            @Override
            public Duration timeout() {
                return timeout;
            }

            @Override
            public Retry retry() {
                throw new UnsupportedOperationException();
            }

            @Override
            public CircuitBreaker circuitBreaker() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<String, Operation> operation() {
                Map<String, Operation> own = new java.util.HashMap<>();
                operations.forEach((name, value) -> own.put(name, () -> Optional.of(value)));
                return own;
            }
        };
    }
}
