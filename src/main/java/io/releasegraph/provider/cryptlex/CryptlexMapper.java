package io.releasegraph.provider.cryptlex;

import java.util.Comparator;
import java.util.List;

import io.releasegraph.domain.CacheInfo;
import io.releasegraph.domain.GlobalId;
import io.releasegraph.domain.ProductRelease;
import io.releasegraph.domain.ProductReleaseInput;
import io.releasegraph.domain.ReleaseFile;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.domain.ReleaseStatus;
import io.releasegraph.provider.cryptlex.dto.CryptlexRelease;
import io.releasegraph.provider.cryptlex.dto.CryptlexReleaseFile;
import io.releasegraph.provider.cryptlex.dto.CryptlexReleasePatch;

/** Cryptlex wire records to schema records, and the schema's input to a PATCH body. */
final class CryptlexMapper {

    static final String RELEASE = "ProductRelease";
    static final String FILE = "ReleaseFile";

    /** Newest first, the order every list in the schema uses. */
    static final Comparator<ProductRelease> NEWEST_FIRST = Comparator
            .comparing(ProductRelease::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(ProductRelease::externalId);

    private CryptlexMapper() {
    }

    static ProductRelease release(CryptlexRelease release) {
        return release(release, release.files() == null ? List.of() : release.files());
    }

    static ProductRelease release(CryptlexRelease release, List<CryptlexReleaseFile> files) {
        return new ProductRelease(GlobalId.encode(ReleaseSource.CRYPTLEX, RELEASE, release.id()), release.id(),
                ReleaseSource.CRYPTLEX, release.name() == null ? "Release " + release.version() : release.name(),
                status(release), release.createdAt(), release.updatedAt(),
                release.version() == null ? "" : release.version(),
                release.channel() == null ? "stable" : release.channel(),
                release.platforms() == null ? List.of() : release.platforms(),
                release.isPrivate(), release.published(), release.archived(), release.notes(),
                release.productId() == null ? "" : release.productId(), release.tenantId(), release.totalFiles(),
                files.stream().map(CryptlexMapper::file).toList(), release.publishedAt(), CacheInfo.now());
    }

    static ReleaseFile file(CryptlexReleaseFile file) {
        return new ReleaseFile(GlobalId.encode(ReleaseSource.CRYPTLEX, FILE, file.id()), file.id(),
                file.name() == null ? "" : file.name(), file.url(), file.size(), file.downloads(), file.extension(),
                file.checksum(), file.secured(), file.published(), file.releaseId(), file.releaseName(), file.createdAt(), file.updatedAt());
    }

    static ReleaseStatus status(CryptlexRelease release) {
        if (release.archived()) {
            return ReleaseStatus.ARCHIVED;
        }
        return release.published() ? ReleaseStatus.PUBLISHED : ReleaseStatus.DRAFT;
    }

    static CryptlexReleasePatch patch(ProductReleaseInput input) {
        return new CryptlexReleasePatch(input.name(), input.version(), input.channel(), input.platforms(),
                input.isPrivate(), input.notes());
    }

}
