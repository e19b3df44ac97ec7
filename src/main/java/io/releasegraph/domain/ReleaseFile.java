package io.releasegraph.domain;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A downloadable file of a Cryptlex product release: an installer, archive or package.")
public record ReleaseFile(
        @Id @NonNull @Description("Globally unique, opaque ID; `node(id:)` fetches it again.") String id,
        @Ignore String externalId,
        @NonNull @Description("The file name, e.g. LumenStudio-2.4.0-x64.exe.") String name,
        @Description("Where it is downloaded from.") String url,
        @Description("Size in bytes (a 64-bit integer: installers can exceed 2 GiB).") Long size,
        @Description("How many times customers downloaded it (a 64-bit integer).") Long downloads,
        @Description("The file name's extension with its dot, e.g. .exe; empty when it has none.") String extension,
        @Description("The file's checksum as Cryptlex reports it (MD5, hex).") String checksum,
        @Description("True when Cryptlex hosts it and downloads need a license key or token; false for external files.") boolean secured,
        @Description("True when its release is published.") boolean published,
        @Description("The Cryptlex ID of the release the file belongs to (not a global ID); null when Cryptlex does not say.") String releaseId,
        @Description("The name of the release the file belongs to, as Cryptlex reports it; null when Cryptlex does not say.") String releaseName,
        @Description("When Cryptlex added it.") OffsetDateTime createdAt,
        @Description("When Cryptlex last changed it.") OffsetDateTime updatedAt)
        implements Node {
}
