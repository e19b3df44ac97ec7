package io.releasegraph.graphql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** What the engine writes reads back as the same values, whatever the strings and numbers hold. */
class JsonOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void stringsRoundTrip() throws Exception {
        String[] strings = { "", "plain ascii", "quote \" and backslash \\", "line\nbreak\r\ttab\b\f",
                "control \u0001\u001f", "latin-1 café", "ünïcödé – “quotes” €", "emoji 🚀 and 𝄞", "</script>" };
        for (String text : strings) {
            JsonOutput out = new JsonOutput(0);
            out.string(text);
            assertThat(JSON.readValue(bytes(out), String.class)).as(text).isEqualTo(text);
        }
    }

    @Test
    void numbersRoundTrip() throws Exception {
        Object[] numbers = { 0, 7, -7, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE,
                (short) -12, new BigInteger("123456789012345678901234567890"), new BigDecimal("-1.25e-7"), 2.5d };
        for (Object number : numbers) {
            JsonOutput out = new JsonOutput(0);
            out.number(number);
            assertThat(new BigDecimal(JSON.readTree(bytes(out)).numberValue().toString()))
                    .as(String.valueOf(number)).isEqualByComparingTo(new BigDecimal(number.toString()));
        }
    }

    @Test
    void keysAndStructureMakeOneDocument() throws Exception {
        JsonOutput out = new JsonOutput(0);
        out.write((byte) '{');
        out.write(JsonOutput.key("a \"b\""));
        out.bool(true);
        out.comma();
        out.write(JsonOutput.key("n"));
        out.nullValue();
        out.write((byte) '}');
        assertThat(JSON.readTree(bytes(out)).toString()).isEqualTo("{\"a \\\"b\\\"\":true,\"n\":null}");
        assertThat(new String(bytes(out), StandardCharsets.UTF_8)).hasSize(out.length());
    }

    private static byte[] bytes(JsonOutput out) {
        return out.toBuffer().getBytes();
    }
}
