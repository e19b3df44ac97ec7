package io.releasegraph.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Flow packages made in the test, as Trifacta exports them: a ZIP with a {@code flow.json}. */
public final class Zips {

    private Zips() {
    }

    public static byte[] flowPackage(String flowName) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("flow.json"));
            zip.write(("{\"name\":\"" + flowName + "\"}").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A zip bomb: one entry of {@code expandedBytes} zeros, which compresses about a thousandfold. */
    public static byte[] bomb(String entryName, long expandedBytes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] zeros = new byte[64 * 1024];
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry(entryName));
            for (long written = 0; written < expandedBytes; written += zeros.length) {
                zip.write(zeros, 0, (int) Math.min(zeros.length, expandedBytes - written));
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A package of {@code count} empty entries besides its {@code flow.json}. */
    public static byte[] manyEntries(int count) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("flow.json"));
            zip.write("{\"name\":\"Many\"}".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            for (int i = 0; i < count; i++) {
                zip.putNextEntry(new ZipEntry("empty-" + i));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
