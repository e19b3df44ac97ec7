package io.releasegraph.sandbox.cryptlex;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A stored release and its files; mutable, so only {@link CryptlexSandboxState} touches it, under its lock. */
final class ReleaseEntry {

    String id;
    Instant createdAt;
    Instant updatedAt;
    Instant publishedAt;
    String name;
    String channel;
    String version;
    List<String> platforms = List.of();
    String notes = "";
    boolean published;
    boolean isPrivate;
    boolean archived;
    String productId;
    String tenantId;
    final List<File> files = new ArrayList<>();

    CryptlexRelease snapshot() {
        return new CryptlexRelease(id, createdAt, updatedAt, name, channel, version, platforms, notes,
                files.size(), publishedAt, files.stream().map(this::snapshot).toList(), published, isPrivate,
                archived, productId, tenantId);
    }

    CryptlexReleaseFile snapshot(File file) {
        return new CryptlexReleaseFile(file.id, file.createdAt, file.updatedAt, file.name, file.url, file.size,
                file.downloads, extension(file.name), file.checksum, file.secured, published, id, name);
    }

    /** As .NET's {@code Path.GetExtension}: the last dot onwards ({@code .gz} for {@code .tar.gz}). */
    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 || dot == fileName.length() - 1 ? "" : fileName.substring(dot);
    }

    /** A stored file; {@code published} and the release name always come from the owning release. */
    static final class File {
        String id;
        Instant createdAt;
        Instant updatedAt;
        String name;
        String url;
        long size;
        long downloads;
        String checksum;
        boolean secured;
    }
}
