package io.releasegraph.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;

import io.releasegraph.domain.ReleaseEvent;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.security.Authorized;
import io.releasegraph.service.ReleaseEventBus;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;

/** {@code releaseEvents}: release changes as they happen, over graphql-transport-ws. */
@GraphQLApi
@Authorized
public class ReleaseEventResolver {

    private final ReleaseEventBus events;

    ReleaseEventResolver(ReleaseEventBus events) {
        this.events = events;
    }

    @Subscription
    @NonNull
    @Description("Release changes from now on: verified upstream webhooks and this gateway's own mutations.")
    public Multi<ReleaseEvent> releaseEvents(
            @Description("Only events of this source; every source when absent.") ReleaseSource source) {
        return events.events(source);
    }
}
