package io.releasegraph.support;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Wall-clock time that tests can move: what decides by time on a scale tests would otherwise wait for (cache
 * freshness, token lifetimes, rate-limit windows, webhook replay windows, the sandboxes' job progress) injects this
 * {@link Clock}. The exactly-once store's claim and settle waits (real, bounded waits on another request) and
 * timestamps that only record when something happened read the system clock.
 */
@Singleton
public class Clocks {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Now in UTC, to the millisecond the stores keep. */
    public static OffsetDateTime now(Clock clock) {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    /** A Caffeine ticker on this clock, so in-memory expiry follows the same time as everything else. */
    public static Ticker ticker(Clock clock) {
        return () -> clock.millis() * 1_000_000L;
    }
}
