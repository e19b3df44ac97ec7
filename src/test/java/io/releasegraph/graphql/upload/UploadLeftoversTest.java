package io.releasegraph.graphql.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A process killed mid-upload leaves its request directory behind (no end handler ran); the next start removes such
 * directories once they are older than any request can be (an hour), and leaves a younger one, which may belong to
 * another replica sharing the directory, alone.
 */
@QuarkusTest
class UploadLeftoversTest {

    private static final Path UPLOADS = Path.of("file-uploads");

    @Inject
    MultipartGraphQLHandler handler;

    @Test
    void startUpDeletesRequestDirectoriesOlderThanAnHourAndKeepsYoungerOnes() throws IOException {
        Path killed = part("graphql-killed-mid-request", Instant.now().minus(Duration.ofHours(2)));
        Path inFlight = part("graphql-still-uploading", Instant.now().minus(Duration.ofMinutes(5)));
        try {
            handler.deleteLeftovers(); // what the start does before the first request

            assertThat(killed.getParent()).doesNotExist();
            assertThat(inFlight).exists();
        } finally {
            Files.deleteIfExists(inFlight);
            Files.deleteIfExists(inFlight.getParent());
        }
    }

    private static Path part(String requestDirectory, Instant modified) throws IOException {
        Path directory = Files.createDirectories(UPLOADS.resolve(requestDirectory));
        Path part = Files.write(directory.resolve("part-0"), new byte[] { 'P', 'K' });
        Files.setLastModifiedTime(part, FileTime.from(modified));
        Files.setLastModifiedTime(directory, FileTime.from(modified));
        return part;
    }
}
