package io.releasegraph.provider;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import jakarta.ws.rs.core.Response;

/** Reads how long an upstream asks us to wait from the headers that upstreams actually send. */
public final class RetryAfter {

    private RetryAfter() {
    }

    public static Optional<Long> seconds(Response response) {
        return fromRetryAfter(response.getHeaderString("Retry-After"))
                .or(() -> fromEpochMillis(response.getHeaderString("X-Ratelimit-Reset")))
                .or(() -> fromSeconds(response.getHeaderString("x-retry-after")));
    }

    private static Optional<Long> fromRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Optional<Long> seconds = fromSeconds(value);
        if (seconds.isPresent()) {
            return seconds;
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
            return Optional.of(Math.max(1, Duration.between(ZonedDateTime.now(), at).toSeconds()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> fromSeconds(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Math.max(1, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> fromEpochMillis(String value) {
        try {
            if (value == null) {
                return Optional.empty();
            }
            long waitMillis = Long.parseLong(value.trim()) - System.currentTimeMillis();
            return Optional.of(Math.max(1, (waitMillis + 999) / 1000));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
