package io.releasegraph.support.json;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Reads upstream timestamps without {@code DateTimeFormatter}: on the benchmark's flat list, Jackson's default
 * {@code OffsetDateTime} parsing (a {@code Parsed} resolve per value) was a third of the gateway's CPU. The plain ISO
 * form the upstreams send ({@code 2025-01-02T09:00:00.000Z}, {@code +01:00} offsets, 0 to 9 fraction digits) is read
 * by hand, in UTC as Jackson's default adjusts it; anything else goes to Jackson's own deserializer. {@link #format}
 * writes them back, for responses, as SmallRye's default date format does.
 */
@Singleton
public class FastTimestamps implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("releasegraph-fast-timestamps")
                .addDeserializer(OffsetDateTime.class, new Deserializer()));
    }

    @Override
    public int priority() {
        return MINIMUM_PRIORITY; // after Quarkus' own customizers, so this deserializer is the one consulted first
    }

    static final class Deserializer extends StdScalarDeserializer<OffsetDateTime> {

        Deserializer() {
            super(OffsetDateTime.class);
        }

        @Override
        public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                OffsetDateTime fast = parse(parser.getText());
                if (fast != null) {
                    return fast;
                }
            }
            return InstantDeserializer.OFFSET_DATE_TIME.deserialize(parser, context);
        }
    }

    /**
     * {@code DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value)}, character for character, without the formatter's
     * per-call parsing state: {@code 2025-01-02T09:00:00Z}, {@code 2025-09-16T08:41:57.009+01:00} (seconds always,
     * the fraction with its trailing zeros dropped, {@code Z} for UTC). Years outside 0 to 9999 go to the formatter.
     */
    public static String format(OffsetDateTime value) {
        int year = value.getYear();
        if (year < 0 || year > 9999) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value);
        }
        char[] out = new char[40]; // 9999-12-31T23:59:59.999999999+05:45:30 is 38
        int at = 0;
        at = digits(out, at, year, 4);
        out[at++] = '-';
        at = digits(out, at, value.getMonthValue(), 2);
        out[at++] = '-';
        at = digits(out, at, value.getDayOfMonth(), 2);
        out[at++] = 'T';
        at = digits(out, at, value.getHour(), 2);
        out[at++] = ':';
        at = digits(out, at, value.getMinute(), 2);
        out[at++] = ':';
        at = digits(out, at, value.getSecond(), 2);
        int nano = value.getNano();
        if (nano > 0) {
            int width = 9;
            while (nano % 10 == 0) {
                nano /= 10;
                width--;
            }
            out[at++] = '.';
            at = digits(out, at, nano, width);
        }
        int offset = value.getOffset().getTotalSeconds();
        if (offset == 0) {
            out[at++] = 'Z';
        } else {
            int magnitude = Math.abs(offset);
            out[at++] = offset < 0 ? '-' : '+';
            at = digits(out, at, magnitude / 3600, 2);
            out[at++] = ':';
            at = digits(out, at, magnitude / 60 % 60, 2);
            if (magnitude % 60 != 0) {
                out[at++] = ':';
                at = digits(out, at, magnitude % 60, 2);
            }
        }
        return new String(out, 0, at);
    }

    private static int digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    /** The instant in UTC, or null when the text is not the plain ISO-8601 form (then the caller falls back). */
    static OffsetDateTime parse(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int position = 19;
        int nanos = 0;
        if (text.charAt(position) == '.') {
            int start = ++position;
            while (position < length && text.charAt(position) >= '0' && text.charAt(position) <= '9') {
                position++;
            }
            int count = position - start;
            if (count == 0 || count > 9) {
                return null;
            }
            nanos = digits(text, start, count);
            for (int i = count; i < 9; i++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset = offset(text, position);
        if (offset == null) {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset)
                    .withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeException outOfRange) {
            return null;
        }
    }

    private static ZoneOffset offset(String text, int position) {
        int rest = text.length() - position;
        if (rest == 1 && text.charAt(position) == 'Z') {
            return ZoneOffset.UTC;
        }
        char sign = rest == 6 ? text.charAt(position) : 0;
        if ((sign != '+' && sign != '-') || text.charAt(position + 3) != ':') {
            return null;
        }
        int hours = digits(text, position + 1, 2);
        int minutes = digits(text, position + 4, 2);
        if ((hours | minutes) < 0 || hours > 18 || minutes > 59) {
            return null;
        }
        int seconds = hours * 3600 + minutes * 60;
        return ZoneOffset.ofTotalSeconds(sign == '-' ? -seconds : seconds);
    }

    /** The decimal number in text[start, start + count), or -1 when a character is not an ASCII digit. */
    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
