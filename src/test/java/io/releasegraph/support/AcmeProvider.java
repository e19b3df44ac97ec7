package io.releasegraph.support;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.properties.IfBuildProperty;
import io.releasegraph.domain.GlobalId;
import io.releasegraph.domain.ProductRelease;
import io.releasegraph.domain.Release;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.domain.ReleaseStatus;
import io.releasegraph.provider.ReleaseProvider;
import io.smallrye.mutiny.Uni;

/**
 * A fourth upstream that exists only in tests: two product releases held in memory, under the key {@code acme}.
 * A bean only under {@link FourthSourceProfile}, so no other test sees it (or its releases in counts). Not an
 * {@code @Alternative}: an enabled alternative would hide every other provider from {@code @All}.
 */
@IfBuildProperty(name = AcmeProvider.ENABLED, stringValue = "true")
@ApplicationScoped
public class AcmeProvider implements ReleaseProvider {

    /** The build property {@link FourthSourceProfile} sets. */
    public static final String ENABLED = "releasegraph.test.fourth-provider";
    public static final String KEY = "acme";
    public static final String TYPE = "ProductRelease";

    public static final ProductRelease NEWER = release("a-2", "Acme Licensing 2.0.0", "2.0.0", "2031-02-01T00:00:00Z");
    public static final ProductRelease OLDER = release("a-1", "Acme Licensing 1.0.0", "1.0.0", "2031-01-01T00:00:00Z");

    @Override
    public ReleaseSource source() {
        // The schema's enum names three upstreams; a fourth one's product releases are shown as the kind they are.
        return ReleaseSource.CRYPTLEX;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String displayName() {
        return "Acme";
    }

    @Override
    public Uni<List<Release>> listReleases() {
        return Uni.createFrom().item(List.of(NEWER, OLDER));
    }

    @Override
    public Uni<Optional<Release>> findRelease(GlobalId id) {
        return Uni.createFrom().item(TYPE.equals(id.type())
                ? List.of(NEWER, OLDER).stream().filter(release -> release.externalId().equals(id.externalId()))
                        .<Release> map(Release.class::cast).findFirst()
                : Optional.empty());
    }

    private static ProductRelease release(String id, String name, String version, String at) {
        OffsetDateTime time = OffsetDateTime.parse(at);
        return new ProductRelease(GlobalId.encode(KEY, TYPE, id), id, ReleaseSource.CRYPTLEX, name,
                ReleaseStatus.PUBLISHED, time, time, version, "stable", List.of("linux"), false, true, false, null,
                "acme-suite", null, null, List.of(), time, null);
    }
}
