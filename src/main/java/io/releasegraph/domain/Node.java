package io.releasegraph.domain;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Description("An object with a globally unique ID that `node(id:)` can fetch again; client caches (Apollo, Relay) normalise on it.")
public interface Node {

    @Id
    @NonNull
    @Name("id")
    @Description("Globally unique, opaque ID. It encodes the upstream, the type and the upstream's own ID.")
    String id();
}
