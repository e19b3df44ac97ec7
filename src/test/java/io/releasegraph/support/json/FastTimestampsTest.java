package io.releasegraph.support.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;

import io.quarkus.test.junit.QuarkusTest;

/** The hand-written timestamp reader agrees with java.time, and the application's ObjectMapper uses it. */
@QuarkusTest
class FastTimestampsTest {

    @Inject
    ObjectMapper mapper;

    @ParameterizedTest
    @ValueSource(strings = { "2025-01-02T09:00:00.000Z", "2025-01-02T09:00:00Z", "2025-12-31T23:59:59.999999999Z",
            "2024-02-29T12:30:45.5+01:00", "2025-01-02T00:15:00-05:30", "2025-06-01T10:00:00.123456+14:00",
            "1999-03-04T05:06:07.8-00:00" })
    void plainIsoTimestampsReadAsJavaTimeReadsThem(String text) {
        assertThat(FastTimestamps.parse(text)).isEqualTo(OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC));
    }

    @Test
    void formatsExactlyAsIsoOffsetDateTime() {
        java.util.Random random = new java.util.Random(20261201);
        int[] nanos = { 0, 1, 9_000_000, 10_000_000, 100_000_000, 123_000_000, 123_456_789, 999_999_999, 500 };
        int[] offsets = { 0, 3600, -3600, 19800, -34200, 5 * 3600 + 45 * 60 + 30, -(18 * 3600) };
        for (int i = 0; i < 20_000; i++) {
            OffsetDateTime value = OffsetDateTime.of(random.nextInt(10_000), 1 + random.nextInt(12),
                    1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60),
                    i < 9 ? nanos[i] : (random.nextBoolean() ? nanos[random.nextInt(nanos.length)] : random.nextInt(1_000_000_000)),
                    ZoneOffset.ofTotalSeconds(offsets[random.nextInt(offsets.length)]));
            assertThat(FastTimestamps.format(value)).isEqualTo(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME
                    .format(value));
        }
        OffsetDateTime farFuture = OffsetDateTime.of(12_345, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
        assertThat(FastTimestamps.format(farFuture))
                .isEqualTo(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(farFuture));
    }

    @ParameterizedTest
    @ValueSource(strings = { "2025-01-02", "2025-01-02T09:00:00", "2025-01-02T09:00:00.Z", "2025-13-02T09:00:00Z",
            "2025-02-30T09:00:00Z", "2025-01-02T09:00:00.1234567890Z", "2025-01-02T09:00:00+0100",
            "2025-01-02T09:00:00+01:00[Europe/Paris]", "2025-01-02 09:00:00Z", "２025-01-02T09:00:00Z",
            "2025-01-02T09:00:00.１Z" })
    void anythingElseIsLeftToJackson(String text) {
        assertThat(FastTimestamps.parse(text)).isNull();
    }

    @Test
    void theApplicationObjectMapperReadsOffsetDateTimeWithIt() throws Exception {
        DeserializationContext context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createInstance(mapper.getDeserializationConfig(), null, null);
        assertThat(context.findRootValueDeserializer(mapper.constructType(OffsetDateTime.class)))
                .isInstanceOf(FastTimestamps.Deserializer.class);

        record Stamped(OffsetDateTime at) {
        }
        assertThat(mapper.readValue("{\"at\":\"2025-01-02T10:00:00.250+01:00\"}", Stamped.class).at())
                .isEqualTo(OffsetDateTime.of(2025, 1, 2, 9, 0, 0, 250_000_000, ZoneOffset.UTC));
        assertThat(mapper.readValue("{\"at\":\"2025-01-02T10:00:00+01:00:00\"}", Stamped.class).at())
                .as("a form the fast path leaves to Jackson").isEqualTo(OffsetDateTime.of(2025, 1, 2, 9, 0, 0, 0, ZoneOffset.UTC));
    }
}
