package io.releasegraph.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.ws.rs.core.Response;

/**
 * Reads how long an upstream asks us to wait from the headers that upstreams actually send, in this order:
 * {@code Retry-After} (seconds or an HTTP date; LaunchDarkly's IP limit, Cryptlex's client), LaunchDarkly's
 * {@code X-Ratelimit-Reset} (epoch milliseconds), Cryptlex's {@code X-Rate-Limit-Reset} (a UTC date-time per its
 * OpenAPI description; an epoch is accepted too) and Trifacta's {@code x-retry-after} (seconds).
 */
public final class RetryAfter {

    /** Above this an epoch value is in milliseconds (this many seconds is the year 5138). */
    private static final long EPOCH_MILLIS_FROM = 100_000_000_000L;

    private RetryAfter() {
    }

    public static Optional<Long> seconds(Response response) {
        return seconds(response::getHeaderString, Clock.systemUTC());
    }

    /** The wait the headers ask for, at least one second; {@code headers} looks a header up by name. */
    public static Optional<Long> seconds(UnaryOperator<String> headers, Clock clock) {
        return fromRetryAfter(headers.apply("Retry-After"), clock)
                .or(() -> fromEpochMillis(headers.apply("X-Ratelimit-Reset"), clock))
                .or(() -> fromReset(headers.apply("X-Rate-Limit-Reset"), clock))
                .or(() -> fromSeconds(headers.apply("x-retry-after")));
    }

    private static Optional<Long> fromRetryAfter(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return fromSeconds(value).or(() -> fromDate(value, clock));
    }

    /** A reset moment: an ISO-8601 or HTTP date, or an epoch in seconds or milliseconds. */
    private static Optional<Long> fromReset(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Optional<Instant> epoch = epoch(value);
        if (epoch.isPresent()) {
            return Optional.of(until(epoch.get(), clock));
        }
        return fromDate(value, clock);
    }

    private static Optional<Long> fromDate(String value, Clock clock) {
        String trimmed = value.trim();
        try {
            return Optional.of(until(OffsetDateTime.parse(trimmed).toInstant(), clock));
        } catch (DateTimeParseException notIso) {
            try {
                return Optional.of(until(ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant(),
                        clock));
            } catch (DateTimeParseException notHttpDate) {
                return Optional.empty();
            }
        }
    }

    private static Optional<Instant> epoch(String value) {
        try {
            long number = Long.parseLong(value.trim());
            return Optional.of(number >= EPOCH_MILLIS_FROM ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whole seconds from now until {@code at}, rounded up, at least one. */
    private static long until(Instant at, Clock clock) {
        long millis = Duration.between(clock.instant(), at).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    private static Optional<Long> fromSeconds(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Math.max(1, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> fromEpochMillis(String value, Clock clock) {
        try {
            if (value == null) {
                return Optional.empty();
            }
            return Optional.of(until(Instant.ofEpochMilli(Long.parseLong(value.trim())), clock));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
