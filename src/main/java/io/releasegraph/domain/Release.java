package io.releasegraph.domain;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A release from any source. Use inline fragments for what only one source has.")
public interface Release extends Node {

    @NonNull
    @Name("source")
    @Description("The upstream system the release lives in.")
    ReleaseSource source();

    @NonNull
    @Name("name")
    @Description("A name a person recognises.")
    String name();

    @NonNull
    @Name("status")
    @Description("Where the release stands.")
    ReleaseStatus status();

    @Name("createdAt")
    @Description("When the upstream created it.")
    OffsetDateTime createdAt();

    @Name("updatedAt")
    @Description("When the upstream last changed it.")
    OffsetDateTime updatedAt();

    @Name("cache")
    @Description("When the gateway fetched it, and whether it is a stale copy served because the upstream failed.")
    CacheInfo cache();
}
