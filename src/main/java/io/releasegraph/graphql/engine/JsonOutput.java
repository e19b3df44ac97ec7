package io.releasegraph.graphql.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

/**
 * A UTF-8 JSON writer for responses, into one growing array that becomes the response body without a copy. Keys
 * come pre-encoded from the plan; a string is encoded with {@link String#getBytes} (a vectorised copy for ASCII)
 * and only escaped when a byte needs it, where a general-purpose generator inspects every character. Commas are
 * the caller's: {@link #comma()} before every member or element but the first.
 */
final class JsonOutput {

    private static final byte[] NULL = { 'n', 'u', 'l', 'l' };
    private static final byte[] TRUE = { 't', 'r', 'u', 'e' };
    private static final byte[] FALSE = { 'f', 'a', 'l', 's', 'e' };
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes;
    private int length;

    JsonOutput(int expected) {
        bytes = new byte[Math.max(256, expected)];
    }

    /** {@code "key":}, encoded once per plan. */
    static byte[] key(String name) {
        JsonOutput out = new JsonOutput(name.length() + 8);
        out.string(name);
        out.write((byte) ':');
        return Arrays.copyOf(out.bytes, out.length);
    }

    Buffer toBuffer() {
        return Buffer.buffer(Unpooled.wrappedBuffer(bytes, 0, length));
    }

    int length() {
        return length;
    }

    void write(byte b) {
        ensure(1);
        bytes[length++] = b;
    }

    void write(byte[] raw) {
        ensure(raw.length);
        System.arraycopy(raw, 0, bytes, length, raw.length);
        length += raw.length;
    }

    void raw(String json) {
        write(json.getBytes(StandardCharsets.UTF_8));
    }

    void comma() {
        write((byte) ',');
    }

    void nullValue() {
        write(NULL);
    }

    void bool(boolean value) {
        write(value ? TRUE : FALSE);
    }

    void number(Object number) {
        if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
            integer(((Number) number).longValue());
        } else if (number instanceof BigInteger || number instanceof BigDecimal) {
            ascii(number.toString());
        } else {
            double value = ((Number) number).doubleValue();
            // JSON has no NaN or infinities; graphql-java's Float coercing refuses them before this point
            ascii(Double.isFinite(value) ? number.toString() : "null");
        }
    }

    /** Decimal digits straight into the buffer, without a String per number. */
    private void integer(long value) {
        if (value == Long.MIN_VALUE) {
            ascii(Long.toString(value));
            return;
        }
        ensure(20);
        if (value < 0) {
            bytes[length++] = '-';
            value = -value;
        }
        int start = length;
        do {
            bytes[length++] = (byte) ('0' + (int) (value % 10));
            value /= 10;
        } while (value != 0);
        for (int i = start, j = length - 1; i < j; i++, j--) {
            byte digit = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = digit;
        }
    }

    private void ascii(String text) {
        int size = text.length();
        ensure(size);
        for (int i = 0; i < size; i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
    }

    void string(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length + 2);
        bytes[length++] = '"';
        int from = 0;
        for (int i = 0; i < utf8.length; i++) {
            int b = utf8[i];
            if (b >= 0 && (b < 0x20 || b == '"' || b == '\\')) {
                // an escape takes up to six bytes where one was reserved: room for it and all that follows
                ensure(utf8.length - from + 6);
                System.arraycopy(utf8, from, bytes, length, i - from);
                length += i - from;
                escape(b);
                from = i + 1;
            }
        }
        System.arraycopy(utf8, from, bytes, length, utf8.length - from);
        length += utf8.length - from;
        write((byte) '"');
    }

    private void escape(int b) {
        bytes[length++] = '\\';
        switch (b) {
            case '"', '\\' -> bytes[length++] = (byte) b;
            case '\n' -> bytes[length++] = 'n';
            case '\r' -> bytes[length++] = 'r';
            case '\t' -> bytes[length++] = 't';
            case '\b' -> bytes[length++] = 'b';
            case '\f' -> bytes[length++] = 'f';
            default -> {
                bytes[length++] = 'u';
                bytes[length++] = '0';
                bytes[length++] = '0';
                bytes[length++] = HEX[b >> 4];
                bytes[length++] = HEX[b & 0xF];
            }
        }
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
