package io.releasegraph.provider;

/** A file a caller uploaded, on local disk for the length of the request, ready to forward upstream. */
public record UploadedFile(String fileName, String contentType, String path, long size) {
}
