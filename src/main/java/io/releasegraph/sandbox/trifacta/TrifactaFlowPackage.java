package io.releasegraph.sandbox.trifacta;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads what the sandbox needs from an uploaded flow package: that it is a ZIP, and the flow's name. */
final class TrifactaFlowPackage {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FLOW_ENTRY = "flow.json";
    /** A ZIP's sizes are what its sender says: reading stops at these, so a zip bomb is refused, not expanded. */
    static final int MAX_ENTRIES = 1_000;
    static final long MAX_EXPANDED_BYTES = 100L * 1024 * 1024;
    static final int MAX_FLOW_JSON_BYTES = 1024 * 1024;

    private TrifactaFlowPackage() {
    }

    /**
     * The flow name: {@code "name"} of a {@code flow.json} entry if there is one, else the uploaded
     * file name without {@code .zip}. Judged by the bytes, since clients name files freely.
     */
    static String flowName(byte[] content, String fileName) {
        if (!hasZipSignature(content)) {
            throw notAZip("The content does not start with a ZIP signature");
        }
        String fromFlowJson = null;
        int entries = 0;
        long expanded = 0;
        byte[] buffer = new byte[8192];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (++entries > MAX_ENTRIES) {
                    throw tooLarge("The ZIP has more than " + MAX_ENTRIES + " entries");
                }
                boolean flowJson = !entry.isDirectory() && baseName(entry.getName()).equals(FLOW_ENTRY);
                ByteArrayOutputStream kept = flowJson ? new ByteArrayOutputStream() : null;
                // reading every entry makes the CRC checks catch a truncated or corrupt archive
                for (int read = zip.read(buffer); read >= 0; read = zip.read(buffer)) {
                    expanded += read;
                    if (expanded > MAX_EXPANDED_BYTES) {
                        throw tooLarge("The ZIP expands to more than " + MAX_EXPANDED_BYTES + " bytes");
                    }
                    if (kept != null) {
                        if (kept.size() + read > MAX_FLOW_JSON_BYTES) {
                            throw tooLarge(FLOW_ENTRY + " is larger than " + MAX_FLOW_JSON_BYTES + " bytes");
                        }
                        kept.write(buffer, 0, read);
                    }
                }
                if (kept != null) {
                    fromFlowJson = nameIn(kept.toByteArray());
                }
            }
        } catch (IOException e) {
            throw notAZip(e.getMessage());
        }
        if (entries == 0) {
            throw TrifactaApiException.validation("Invalid package", "The flow package ZIP contains no files");
        }
        return fromFlowJson != null ? fromFlowJson : withoutZipSuffix(fileName);
    }

    private static boolean hasZipSignature(byte[] content) {
        // local file header PK\3\4, or PK\5\6 for an archive without entries
        return content.length >= 4 && content[0] == 'P' && content[1] == 'K'
                && ((content[2] == 3 && content[3] == 4) || (content[2] == 5 && content[3] == 6));
    }

    private static String nameIn(byte[] flowJson) {
        JsonNode root;
        try {
            root = JSON.readTree(flowJson);
        } catch (IOException e) {
            throw TrifactaApiException.validation("Invalid package", FLOW_ENTRY + " is not valid JSON");
        }
        JsonNode name = root == null ? null : root.get("name");
        return name != null && name.isTextual() && !name.textValue().isBlank() ? name.textValue() : null;
    }

    private static String withoutZipSuffix(String fileName) {
        String name = fileName == null || fileName.isBlank() ? "package" : baseName(fileName);
        return name.toLowerCase().endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
    }

    private static String baseName(String path) {
        return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    }

    private static TrifactaApiException tooLarge(String details) {
        return TrifactaApiException.validation("The flow package is too large to read", details);
    }

    private static TrifactaApiException notAZip(String details) {
        return TrifactaApiException.validation("The uploaded package is not a readable ZIP file", details);
    }
}
