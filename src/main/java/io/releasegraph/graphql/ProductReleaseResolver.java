package io.releasegraph.graphql;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.releasegraph.domain.ProductRelease;
import io.releasegraph.domain.ProductReleaseConnection;
import io.releasegraph.domain.ProductReleaseFilter;
import io.releasegraph.domain.ProductReleaseInput;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.security.Authorized;
import io.releasegraph.service.ProductReleaseService;
import io.releasegraph.service.ReleaseService;
import io.smallrye.mutiny.Uni;

/** Cryptlex product releases: the filtered list and the edits. */
@GraphQLApi
@Authorized
public class ProductReleaseResolver {

    static final String PRODUCT_RELEASE = "ProductRelease";

    private final ProductReleaseService productReleases;
    private final ReleaseService releases;

    ProductReleaseResolver(ProductReleaseService productReleases, ReleaseService releases) {
        this.productReleases = productReleases;
        this.releases = releases;
    }

    @Query
    @Description("Cryptlex product releases, newest first; every filter given must hold. Null, with an error naming "
            + "Cryptlex (`extensions.upstream`), when Cryptlex fails and no cached copy stands in; the query's other "
            + "fields still answer.")
    public Uni<ProductReleaseConnection> productReleases(
            @Description("Only releases of this Cryptlex product.") String productId,
            @Description("Only releases on this channel, e.g. stable.") String channel,
            @Description("Only releases for this platform, e.g. windows.") String platform,
            @Description("Only published (true) or unpublished (false) releases.") Boolean published,
            @Name("private") @Description("Only private (true) or public (false) releases.") Boolean isPrivate,
            @Description("Only releases whose name, version or notes contain this text.") String search,
            @DefaultValue("25") @Description("How many releases to return, at most 100.") Integer first,
            @Description("Return the releases after this cursor.") String after) {
        ProductReleaseFilter filter = new ProductReleaseFilter(productId, channel, platform, published, isPrivate, search);
        return productReleases.releases(filter).map(all -> ProductReleaseConnection.of(Pagination.page(all, first, after, Keyset.newestFirst())));
    }

    @Mutation
    @NonNull
    @Description("Changes the fields the input sets. VALIDATION names the offending field; Cryptlex decides the rest, "
            + "and its refusal is CONFLICT or VALIDATION with its words in `upstreamCode` and `upstreamMessage`.")
    public Uni<ProductRelease> updateProductRelease(
            @NonNull @Id @Description("The product release to change.") String id,
            @NonNull @Description("The fields to change.") ProductReleaseInput input) {
        return Uni.createFrom().deferred(() -> {
            String releaseId = releaseId(id);
            ProductReleaseValidation.validate(input);
            return productReleases.update(releaseId, input);
        });
    }

    @Mutation
    @NonNull
    @Description("Publishes the release: customers can download it, and it is read-only from then on. Cryptlex "
            + "decides whether it can be; its refusal is CONFLICT or VALIDATION with its words in `upstreamMessage`.")
    public Uni<ProductRelease> publishProductRelease(@NonNull @Id @Description("The product release to publish.") String id) {
        return Uni.createFrom().deferred(() -> productReleases.publish(releaseId(id)));
    }

    private String releaseId(String id) {
        return Ids.external(releases, id, "id", ReleaseSource.CRYPTLEX, PRODUCT_RELEASE);
    }
}
