package io.releasegraph.sandbox.cryptlex;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The sandbox's starting data: one tenant, three products (a desktop app, its CLI and a headless
 * agent) and 13 releases over the stable, beta and nightly channels. Everything is fixed, ids
 * included, so tests and demos can name a release; new ids (created at runtime) are random.
 */
public final class CryptlexSeed {

    public static final String TENANT_ID = "6f1d2e3c-4b5a-4978-8a69-5b4c3d2e1f00";
    /** Lumen Studio, the desktop app (Windows, macOS, Linux). */
    public static final String STUDIO_PRODUCT_ID = "3f1c2a9e-7b4d-4e8a-9c61-2d5e8f0a1b23";
    /** lumen-cli, the command-line tool. */
    public static final String CLI_PRODUCT_ID = "8a7d5c3b-1e2f-4a6b-b9c8-7d6e5f4a3b21";
    /** Lumen Sync Agent, a headless service for build servers. */
    public static final String AGENT_PRODUCT_ID = "c2e4f6a8-0b1d-4f3e-8a5c-7e9f1b3d5a70";

    /** Published, stable, three files. */
    public static final String STUDIO_2_4_0 = id("release", "studio-2.4.0");
    /** Published and archived. */
    public static final String STUDIO_2_2_1 = id("release", "studio-2.2.1");
    /** Unpublished beta with one file: still editable. */
    public static final String STUDIO_2_5_1_BETA = id("release", "studio-2.5.1");
    /** Unpublished, private nightly without files. */
    public static final String STUDIO_NIGHTLY_1107 = id("release", "studio-2.5.1.1107");
    /** Unpublished beta with two files. */
    public static final String CLI_1_10_0_BETA = id("release", "cli-1.10.0");

    public static final int RELEASE_COUNT = 13;

    private static final List<String> DESKTOP = List.of("windows", "macos", "linux");

    private CryptlexSeed() {
    }

    /** Fresh, independent entries on every call, so a reset never shares state with the old data. */
    static List<ReleaseEntry> releases() {
        return List.of(
                release("studio-2.2.1", STUDIO_PRODUCT_ID, "Lumen Studio 2.2.1", "2.2.1", "stable",
                        List.of("windows", "macos"), "2024-09-12T09:30:00Z",
                        "Fixes a crash when exporting large projects on macOS.")
                        .published().archived()
                        .file("LumenStudio-2.2.1-x64.exe", 88_412_160, 15_328)
                        .file("LumenStudio-2.2.1.dmg", 101_883_904, 9_842).entry,
                release("studio-2.3.0", STUDIO_PRODUCT_ID, "Lumen Studio 2.3.0", "2.3.0", "stable", DESKTOP,
                        "2024-11-05T14:00:00Z", "Adds Linux support (AppImage) and a dark theme.")
                        .published()
                        .file("LumenStudio-2.3.0-x64.exe", 89_901_056, 21_417)
                        .file("LumenStudio-2.3.0.dmg", 103_020_544, 12_765)
                        .file("LumenStudio-2.3.0-x86_64.AppImage", 112_459_776, 3_204).entry,
                release("studio-2.4.0", STUDIO_PRODUCT_ID, "Lumen Studio 2.4.0", "2.4.0", "stable", DESKTOP,
                        "2025-02-18T10:15:00Z", "Offline license activation and **faster** project loading.")
                        .published()
                        .file("LumenStudio-2.4.0-x64.exe", 91_226_112, 18_906)
                        .file("LumenStudio-2.4.0.dmg", 104_595_456, 11_058)
                        .file("LumenStudio-2.4.0-x86_64.AppImage", 114_032_640, 2_871).entry,
                release("studio-2.5.0", STUDIO_PRODUCT_ID, "Lumen Studio 2.5 Beta", "2.5.0", "beta",
                        List.of("windows", "macos"), "2025-05-06T08:45:00Z",
                        "Preview of the new plugin API. Expect rough edges.")
                        .published()
                        .file("LumenStudio-2.5.0-beta-x64.exe", 93_847_552, 1_436)
                        .file("LumenStudio-2.5.0-beta.dmg", 106_954_752, 987).entry,
                release("studio-2.5.0.1042", STUDIO_PRODUCT_ID, "Lumen Studio nightly 2.5.0.1042", "2.5.0.1042",
                        "nightly", List.of("linux"), "2025-05-20T02:00:00Z", "Automated nightly build.")
                        .privately()
                        .file("LumenStudio-2.5.0.1042-x86_64.AppImage", 116_391_936, 0).entry,
                release("studio-2.5.1", STUDIO_PRODUCT_ID, "Lumen Studio 2.5.1 Beta", "2.5.1", "beta", DESKTOP,
                        "2025-06-03T11:20:00Z", "Draft: plugin API fixes and HiDPI icons.")
                        .file("LumenStudio-2.5.1-beta-x64.exe", 94_109_696, 0).entry,
                release("studio-2.5.1.1107", STUDIO_PRODUCT_ID, "Lumen Studio nightly 2.5.1.1107", "2.5.1.1107",
                        "nightly", List.of("windows", "linux"), "2025-06-10T02:00:00Z", "Automated nightly build.")
                        .privately().entry,
                release("cli-1.8", CLI_PRODUCT_ID, "lumen-cli 1.8", "1.8", "stable", DESKTOP,
                        "2024-10-01T16:00:00Z", "First release with `lumen sync`.")
                        .published()
                        .file("lumen-cli-1.8-linux-x64.tar.gz", 11_534_336, 4_212)
                        .file("lumen-cli-1.8-darwin-arm64.tar.gz", 10_878_976, 2_955)
                        .file("lumen-cli-1.8-win-x64.exe", 12_320_768, 3_630).entry,
                release("cli-1.9.0", CLI_PRODUCT_ID, "lumen-cli 1.9.0", "1.9.0", "stable", DESKTOP,
                        "2025-01-22T13:30:00Z", "Adds shell completions for bash, zsh and PowerShell.")
                        .published()
                        .file("lumen-cli-1.9.0-linux-x64.tar.gz", 11_796_480, 6_045)
                        .file("lumen-cli-1.9.0-darwin-arm64.tar.gz", 11_141_120, 4_388)
                        .file("lumen-cli-1.9.0-win-x64.exe", 12_582_912, 5_102).entry,
                release("cli-1.10.0", CLI_PRODUCT_ID, "lumen-cli 1.10.0 beta", "1.10.0", "beta",
                        List.of("linux", "macos"), "2025-04-14T09:00:00Z", "Experimental parallel uploads.")
                        .file("lumen-cli-1.10.0-linux-x64.tar.gz", 12_058_624, 0)
                        .file("lumen-cli-1.10.0-darwin-arm64.tar.gz", 11_403_264, 0).entry,
                release("cli-1.10.0.7", CLI_PRODUCT_ID, "lumen-cli nightly 1.10.0.7", "1.10.0.7", "nightly",
                        List.of("linux"), "2025-04-29T03:10:00Z", "Automated nightly build.")
                        .privately()
                        .file("lumen-cli-1.10.0.7-linux-x64.tar.gz", 12_124_160, 0).entry,
                release("agent-0.9.2", AGENT_PRODUCT_ID, "Lumen Sync Agent 0.9.2", "0.9.2", "stable",
                        List.of("linux"), "2025-03-11T12:00:00Z", "Headless agent for build servers.")
                        .published()
                        .file("lumen-agent-0.9.2-linux-x64.tar.gz", 24_117_248, 812).entry,
                release("agent-1.0.0", AGENT_PRODUCT_ID, "Lumen Sync Agent 1.0 Beta", "1.0.0", "beta",
                        List.of("linux", "windows"), "2025-06-01T15:45:00Z", "Adds Windows service support.")
                        .entry);
    }

    private static Builder release(String key, String productId, String name, String version, String channel,
            List<String> platforms, String createdAt, String notes) {
        ReleaseEntry entry = new ReleaseEntry();
        entry.id = id("release", key);
        entry.createdAt = Instant.parse(createdAt);
        // drafts get touched once after creation, so updatedAt differs from createdAt
        entry.updatedAt = entry.createdAt.plus(Duration.ofMinutes(42));
        entry.productId = productId;
        entry.tenantId = TENANT_ID;
        entry.name = name;
        entry.version = version;
        entry.channel = channel;
        entry.platforms = platforms;
        entry.notes = notes;
        return new Builder(key, entry);
    }

    private static String id(String kind, String key) {
        return UUID.nameUUIDFromBytes(("cryptlex-sandbox/" + kind + "/" + key).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private record Builder(String key, ReleaseEntry entry) {

        Builder published() {
            entry.published = true;
            entry.publishedAt = entry.createdAt.plus(Duration.ofHours(3));
            entry.updatedAt = entry.publishedAt;
            return this;
        }

        Builder archived() {
            entry.archived = true;
            entry.updatedAt = entry.createdAt.plus(Duration.ofDays(160));
            return this;
        }

        Builder privately() {
            entry.isPrivate = true;
            return this;
        }

        /** A file hosted by Cryptlex: secured, downloadable under releases.cryptlex.com. */
        Builder file(String name, long size, long downloads) {
            ReleaseEntry.File file = new ReleaseEntry.File();
            file.id = id("file", key + "/" + name);
            file.createdAt = entry.createdAt.plus(Duration.ofMinutes(5L + entry.files.size()));
            file.updatedAt = file.createdAt;
            file.name = name;
            file.url = "https://releases.cryptlex.com/v3/" + TENANT_ID + "/" + entry.id + "/" + name;
            file.size = size;
            file.downloads = downloads;
            file.checksum = md5(key + "/" + name);
            file.secured = true;
            entry.files.add(file);
            return this;
        }

        private static String md5(String text) {
            try {
                return HexFormat.of().formatHex(
                        MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has MD5", e);
            }
        }
    }
}
