package io.releasegraph.graphql.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.releasegraph.error.ValidationException;
import io.releasegraph.provider.UploadedFile;

/**
 * Files of multipart GraphQL requests that are being executed, by an unguessable one-request token. The
 * handler registers them and forgets them when the response ends, and deletes the request's upload directory.
 */
@ApplicationScoped
public class UploadRegistry {

    private static final String PREFIX = "upload:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, UploadedFile> uploads = new ConcurrentHashMap<>();

    String register(UploadedFile file) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        uploads.put(token, file);
        return token;
    }

    void forget(String token) {
        uploads.remove(token);
    }

    /** The file behind an {@code Upload} argument, or a VALIDATION error naming the argument. */
    public UploadedFile resolve(Upload upload, String argument) {
        return Optional.ofNullable(upload)
                .map(Upload::token)
                .map(uploads::get)
                .orElseThrow(() -> new ValidationException(argument, "`" + argument
                        + "` must be a file part of a GraphQL multipart request (POST /graphql, multipart/form-data)."));
    }

    /** Refuses anything whose bytes do not start like a ZIP archive, whatever its name says. */
    public static void requireZip(UploadedFile file, String argument) {
        byte[] head = new byte[4];
        int read;
        try (InputStream in = Files.newInputStream(Path.of(file.path()))) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new ValidationException(argument, "`" + argument + "` could not be read.");
        }
        boolean zip = read == 4 && head[0] == 'P' && head[1] == 'K'
                && (head[2] == 3 && head[3] == 4 || head[2] == 5 && head[3] == 6);
        if (!zip) {
            throw new ValidationException(argument, "`" + argument + "` must be a ZIP file (a flow package).");
        }
    }
}
