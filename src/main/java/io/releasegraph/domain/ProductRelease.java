package io.releasegraph.domain;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A Cryptlex product release: one version of a product on a channel, with the files customers download.")
public record ProductRelease(
        @Id @NonNull @Description("Globally unique, opaque ID; `node(id:)` fetches it again.") String id,
        @Ignore String externalId,
        @NonNull @Description("Always CRYPTLEX.") ReleaseSource source,
        @NonNull @Description("A name a person recognises, e.g. \"Lumen Studio 2.4.0\".") String name,
        @NonNull @Description("DRAFT until published, then PUBLISHED; ARCHIVED once archived.") ReleaseStatus status,
        @Description("When Cryptlex created it.") OffsetDateTime createdAt,
        @Description("When Cryptlex last changed it.") OffsetDateTime updatedAt,
        @NonNull @Description("The version: x.x, x.x.x or x.x.x.x, digits only.") String version,
        @NonNull @Description("The release channel, e.g. stable, beta or nightly.") String channel,
        @NonNull @Description("The platforms it is for, e.g. windows, macos, linux.") List<@NonNull String> platforms,
        @Name("private") @Description("True when the release does not appear in the customer portal.") boolean isPrivate,
        @Description("True once published. Whether Cryptlex still accepts edits then is its call: the gateway sends them and reports its answer.") boolean published,
        @Description("True when the release is archived.") boolean archived,
        @Description("Release notes, in Markdown.") String notes,
        @NonNull @Description("The Cryptlex product the release belongs to.") String productId,
        @Description("The Cryptlex tenant (account) that owns the release; null when Cryptlex does not say.") String tenantId,
        @Description("How many files the release has in all, as Cryptlex counts them; null when Cryptlex does not say.") Integer totalFiles,
        @NonNull @Description("The release's files, as customers download them.") List<@NonNull ReleaseFile> files,
        @Description("When it was published; null until then.") OffsetDateTime publishedAt,
        @Description("When the gateway fetched it, and whether it is a stale copy.") CacheInfo cache)
        implements Release, Cacheable<ProductRelease> {

    @Override
    public ProductRelease withCache(CacheInfo cache) {
        return new ProductRelease(id, externalId, source, name, status, createdAt, updatedAt, version, channel, platforms,
                isPrivate, published, archived, notes, productId, tenantId, totalFiles, files, publishedAt, cache);
    }
}
