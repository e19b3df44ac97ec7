package io.releasegraph.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The wait each upstream's rate-limit headers ask for, against a fixed clock. */
class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static Long wait(Map<String, String> headers) {
        return RetryAfter.seconds(name -> headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null), CLOCK).orElse(null);
    }

    @Test
    void readsCryptlexsXRateLimitResetAsAUtcDateTime() {
        assertThat(wait(Map.of("X-Rate-Limit-Reset", "2026-03-01T12:01:30Z"))).isEqualTo(90);
        assertThat(wait(Map.of("X-Rate-Limit-Reset", "2026-03-01T12:00:04.2Z"))).isEqualTo(5);
    }

    @Test
    void readsXRateLimitResetAsAnHttpDateOrAnEpoch() {
        assertThat(wait(Map.of("X-Rate-Limit-Reset", "Sun, 01 Mar 2026 12:00:30 GMT"))).isEqualTo(30);
        assertThat(wait(Map.of("X-Rate-Limit-Reset", String.valueOf(NOW.getEpochSecond() + 42)))).isEqualTo(42);
        assertThat(wait(Map.of("X-Rate-Limit-Reset", String.valueOf(NOW.toEpochMilli() + 7_000)))).isEqualTo(7);
    }

    @Test
    void aResetInThePastIsOneSecondAndRetryAfterComesFirst() {
        assertThat(wait(Map.of("X-Rate-Limit-Reset", "2026-03-01T11:00:00Z"))).isEqualTo(1);
        assertThat(wait(Map.of("Retry-After", "3", "X-Rate-Limit-Reset", "2026-03-01T12:01:30Z"))).isEqualTo(3);
    }

    @Test
    void keepsLaunchDarklysEpochMillisAndTrifactasSeconds() {
        assertThat(wait(Map.of("X-Ratelimit-Reset", String.valueOf(NOW.toEpochMilli() + 2_500)))).isEqualTo(3);
        assertThat(wait(Map.of("x-retry-after", "4"))).isEqualTo(4);
        assertThat(wait(Map.of("X-Rate-Limit-Reset", "soon"))).isNull();
    }
}
