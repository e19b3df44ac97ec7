package io.releasegraph.domain;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A LaunchDarkly release pipeline: the ordered phases a flag release goes through.")
public record ReleasePipeline(
        @Id @NonNull @Description("Globally unique, opaque ID; `node(id:)` fetches it again.") String id,
        @NonNull @Description("The LaunchDarkly project the pipeline belongs to.") String projectKey,
        @NonNull @Description("The pipeline's key.") String key,
        @NonNull @Description("The pipeline's name.") String name,
        @Description("What the pipeline is for.") String description,
        @Description("When the pipeline was created.") OffsetDateTime createdAt,
        @Description("True for a legacy pipeline, whose phases are ticked off by hand; the gateway handles both kinds.") boolean legacy,
        @Name("isProjectDefault") @Description("True when new releases in the project use this pipeline unless told otherwise.") boolean projectDefault,
        @NonNull @Description("The pipeline's tags.") List<@NonNull String> tags,
        @NonNull @Description("The pipeline's phases, in order.") List<@NonNull ReleasePipelinePhase> phases,
        @Description("When the gateway fetched it, and whether it is a stale copy.") CacheInfo cache,
        // LaunchDarkly's optional _isLegacy as sent: null when the pipeline does not say which kind it is.
        @Ignore Boolean declaredLegacy)
        implements Node, Cacheable<ReleasePipeline> {

    @Override
    public ReleasePipeline withCache(CacheInfo cache) {
        return new ReleasePipeline(id, projectKey, key, name, description, createdAt, legacy, projectDefault, tags,
                phases, cache, declaredLegacy);
    }
}
