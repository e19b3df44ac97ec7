package io.releasegraph.graphql;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.releasegraph.domain.ReleasePipeline;
import io.releasegraph.domain.ReleasePipelineConnection;
import io.releasegraph.domain.ReleasePipelineProgress;
import io.releasegraph.security.Authorized;
import io.releasegraph.service.FlagReleaseService;
import io.smallrye.mutiny.Uni;

/** LaunchDarkly release pipelines and their progress. */
@GraphQLApi
@Authorized
public class ReleasePipelineResolver {

    private final FlagReleaseService flagReleases;

    ReleasePipelineResolver(FlagReleaseService flagReleases) {
        this.flagReleases = flagReleases;
    }

    @Query
    @Description("A LaunchDarkly project's release pipelines, in LaunchDarkly's order; NOT_FOUND for an unknown project. "
            + "Null, with an error naming LaunchDarkly (`extensions.upstream`), when LaunchDarkly fails and no cached "
            + "copy stands in; the query's other fields still answer.")
    public Uni<ReleasePipelineConnection> releasePipelines(
            @NonNull @Description("The LaunchDarkly project's key.") String projectKey,
            @DefaultValue("25") @Description("How many pipelines to return, at most 100.") Integer first,
            @Description("Return the pipelines after this cursor.") String after) {
        return Uni.createFrom().deferred(() -> flagReleases.pipelines(Keys.launchDarkly(projectKey, "projectKey"))
                .map(all -> ReleasePipelineConnection.of(Pagination.page(all, first, after))));
    }

    /** Batched: one progress read per pipeline of a page, all at once (no N+1 through the resolver). */
    @Description("How the releases on the pipeline are getting on.")
    public Uni<List<ReleasePipelineProgress>> progress(@Source List<ReleasePipeline> pipelines) {
        return flagReleases.progressOf(pipelines);
    }
}
