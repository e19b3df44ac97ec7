package io.releasegraph.sandbox.cryptlex;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The sandbox's releases and files. One lock guards everything: the data set is small and every
 * operation is short, and it keeps a release, its files and {@code totalFiles} consistent.
 */
@ApplicationScoped
public class CryptlexSandboxState {

    private static final Comparator<CryptlexReleaseFile> NEWEST_FILE_FIRST =
            Comparator.comparing(CryptlexReleaseFile::createdAt).reversed().thenComparing(CryptlexReleaseFile::id);

    private final Map<String, ReleaseEntry> releases = new HashMap<>();
    private final Map<String, ReleaseEntry> fileOwners = new HashMap<>();
    private final Clock clock;
    private Instant lastChange = Instant.EPOCH;

    CryptlexSandboxState(Clock clock) {
        this.clock = clock;
    }

    @PostConstruct
    void init() {
        reset();
    }

    /** Drops every change and restores the seed data. */
    public synchronized void reset() {
        releases.clear();
        fileOwners.clear();
        for (ReleaseEntry release : CryptlexSeed.releases()) {
            releases.put(release.id, release);
            release.files.forEach(file -> fileOwners.put(file.id, release));
        }
    }

    synchronized List<CryptlexRelease> releases(ReleaseQuery query) {
        return releases.values().stream()
                .map(ReleaseEntry::snapshot)
                .filter(query::matches)
                .sorted(query.order())
                .toList();
    }

    synchronized CryptlexRelease release(String id) {
        return find(id).snapshot();
    }

    synchronized CryptlexRelease create(ReleaseInput input) {
        ReleaseEntry release = new ReleaseEntry();
        release.id = UUID.randomUUID().toString();
        release.createdAt = now();
        release.updatedAt = release.createdAt;
        release.productId = input.productId();
        release.tenantId = CryptlexSeed.TENANT_ID;
        release.channel = "stable";
        apply(release, input);
        releases.put(release.id, release);
        return release.snapshot();
    }

    synchronized CryptlexRelease update(String id, ReleaseInput input) {
        ReleaseEntry release = findWritable(id);
        apply(release, input);
        release.updatedAt = now();
        return release.snapshot();
    }

    synchronized CryptlexRelease publish(String id) {
        ReleaseEntry release = findWritable(id);
        Instant now = now();
        release.published = true;
        release.publishedAt = now;
        release.updatedAt = now;
        release.files.forEach(file -> file.updatedAt = now);
        return release.snapshot();
    }

    synchronized void delete(String id) {
        ReleaseEntry release = find(id);
        releases.remove(id);
        release.files.forEach(file -> fileOwners.remove(file.id));
    }

    synchronized List<CryptlexReleaseFile> files(String releaseId) {
        return releases.values().stream()
                .filter(release -> releaseId == null || release.id.equals(releaseId))
                .flatMap(release -> release.files.stream().map(release::snapshot))
                .sorted(NEWEST_FILE_FIRST)
                .toList();
    }

    synchronized CryptlexReleaseFile file(String id) {
        ReleaseEntry owner = ownerOf(id);
        return owner.snapshot(owner.files.stream().filter(file -> file.id.equals(id)).findFirst().orElseThrow());
    }

    /** Adds an external file: not hosted by Cryptlex, hence {@code secured=false}. */
    synchronized CryptlexReleaseFile addFile(ReleaseFileInput input) {
        ReleaseEntry owner = findWritable(input.releaseId());
        ReleaseEntry.File file = new ReleaseEntry.File();
        file.id = UUID.randomUUID().toString();
        file.createdAt = now();
        file.updatedAt = file.createdAt;
        file.name = input.name();
        file.url = input.url();
        file.size = input.size();
        file.checksum = input.checksum();
        owner.files.add(file);
        owner.updatedAt = file.createdAt;
        fileOwners.put(file.id, owner);
        return owner.snapshot(file);
    }

    synchronized void deleteFile(String id) {
        ReleaseEntry owner = ownerOf(id);
        if (owner.published) {
            throw CryptlexApiException.published(owner.id);
        }
        owner.files.removeIf(file -> file.id.equals(id));
        owner.updatedAt = now();
        fileOwners.remove(id);
    }

    private static void apply(ReleaseEntry release, ReleaseInput input) {
        if (input.name() != null) {
            release.name = input.name();
        }
        if (input.version() != null) {
            release.version = input.version();
        }
        if (input.channel() != null) {
            release.channel = input.channel();
        }
        if (input.platforms() != null) {
            release.platforms = input.platforms();
        }
        if (input.isPrivate() != null) {
            release.isPrivate = input.isPrivate();
        }
        if (input.notes() != null) {
            release.notes = input.notes();
        }
    }

    private ReleaseEntry find(String id) {
        ReleaseEntry release = releases.get(id);
        if (release == null) {
            throw CryptlexApiException.notFound("release", id);
        }
        return release;
    }

    /** A published release is frozen: Cryptlex's "Publishing release" makes it read-only. */
    private ReleaseEntry findWritable(String id) {
        ReleaseEntry release = find(id);
        if (release.published) {
            throw CryptlexApiException.published(id);
        }
        return release;
    }

    private ReleaseEntry ownerOf(String fileId) {
        ReleaseEntry owner = fileOwners.get(fileId);
        if (owner == null) {
            throw CryptlexApiException.notFound("release file", fileId);
        }
        return owner;
    }

    /** Millisecond clock that never repeats, so every change visibly moves {@code updatedAt}. */
    private Instant now() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        lastChange = now.isAfter(lastChange) ? now : lastChange.plusMillis(1);
        return lastChange;
    }
}
