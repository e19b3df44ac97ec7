package io.releasegraph.domain;

import java.util.List;
import java.util.Locale;

import org.eclipse.microprofile.graphql.Description;

@Description("Narrows `releases` down; every condition given must hold.")
public record ReleaseFilter(
        @Description("Only releases from these sources; all sources when absent.") List<ReleaseSource> sources,
        @Description("Only releases in one of these statuses.") List<ReleaseStatus> statuses,
        @Description("Only releases whose name contains this text, ignoring case.") String search) {

    public static final ReleaseFilter ALL = new ReleaseFilter(null, null, null);

    public boolean wants(ReleaseSource source) {
        return sources == null || sources.isEmpty() || sources.contains(source);
    }

    public boolean matches(Release release) {
        return wants(release.source())
                && (statuses == null || statuses.isEmpty() || statuses.contains(release.status()))
                && (search == null || search.isBlank()
                        || release.name().toLowerCase(Locale.ROOT).contains(search.trim().toLowerCase(Locale.ROOT)));
    }
}
