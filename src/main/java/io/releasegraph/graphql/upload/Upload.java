package io.releasegraph.graphql.upload;

import org.eclipse.microprofile.graphql.Description;

import io.smallrye.graphql.api.CustomScalar;
import io.smallrye.graphql.api.CustomStringScalar;

/**
 * A file sent with the GraphQL multipart request spec. On the wire the variable is {@code null} and the
 * {@code map} part points a file part at it; {@link MultipartGraphQLHandler} swaps in a one-request token.
 */
@CustomScalar("Upload")
@Description("A file sent as a part of a GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec). Set the variable to null and map a file part to it.")
public class Upload implements CustomStringScalar {

    private final String token;

    public Upload(String token) {
        this.token = token;
    }

    /** The token the multipart handler put in place of the file. */
    public String token() {
        return token;
    }

    @Override
    public String stringValueForSerialization() {
        return token;
    }
}
