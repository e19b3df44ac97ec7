package io.releasegraph.graphql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the engine writes reads back as the same values, whatever the strings and numbers hold, and a string is
 * written byte for byte as SmallRye writes it (through Jakarta JSON, Parsson) and read back by Jackson as the text it
 * was.
 */
class JsonOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Settable for longer runs: {@code -Djson-output.seed=… -Djson-output.count=…}. */
    private static final long SEED = Long.getLong("json-output.seed", 20261204L);
    private static final int COUNT = Integer.getInteger("json-output.count", 20_000);

    /**
     * Issue 16's first bug: the buffer was sized for the raw text, and each escape's extra bytes ran past its end
     * (about 1 KB of Markdown with three newlines, in a fresh output).
     */
    @Test
    void escapesBeyondTheSpaceReservedForTheRawText() throws Exception {
        String notes = "## Fixes\n- the sync crash\n- the login loop\n" + "Resuming from sleep no longer drops the sync queue. ".repeat(20);
        assertThat(notes.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(1000);
        JsonOutput out = new JsonOutput(0);
        out.string(notes);
        assertThat(JSON.readValue(bytes(out), String.class)).isEqualTo(notes);
        assertThat(new String(bytes(out), StandardCharsets.UTF_8)).isEqualTo(parsson(notes));
    }

    /** Escapes only, many of them: every byte of the text grows to six. */
    @Test
    void textOfNothingButControlCharacters() throws Exception {
        String text = "\u0001".repeat(5000);
        JsonOutput out = new JsonOutput(0);
        out.write((byte) '[');
        out.string(text);
        out.write((byte) ']');
        assertThat(JSON.readTree(bytes(out)).get(0).asText()).isEqualTo(text);
    }

    /**
     * Random text (ASCII, every control character, quotes and backslashes, Latin-1, the BMP, surrogate pairs) in
     * runs of every length, written into outputs of random starting sizes: the bytes equal Parsson's, and Jackson
     * reads back the same text. Lone surrogates are left out: neither writer can encode them (both write '?').
     */
    @Test
    void randomUnicodeTextIsWrittenAsSmallRyeWritesIt() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int n = 0; n < COUNT; n++) {
            String text = RandomText.of(random, 40, 3000);
            JsonOutput out = new JsonOutput(random.nextInt(0, 300));
            out.string(text);
            String written = new String(bytes(out), StandardCharsets.UTF_8);
            assertThat(written).as("seed %d, text %d", SEED, n).isEqualTo(parsson(text));
            assertThat(JSON.readValue(bytes(out), String.class)).as("seed %d, text %d", SEED, n).isEqualTo(text);
        }
    }

    /** A JSON string as SmallRye's response writer (Jakarta JSON) writes it. */
    private static String parsson(String text) {
        StringWriter written = new StringWriter();
        try (JsonGenerator generator = Json.createGenerator(written)) {
            generator.writeStartArray().write(text).writeEnd();
        }
        String array = written.toString();
        return array.substring(1, array.length() - 1);
    }

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
