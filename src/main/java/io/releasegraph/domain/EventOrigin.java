package io.releasegraph.domain;

import org.eclipse.microprofile.graphql.Description;

@Description("Where the gateway learnt of an event.")
public enum EventOrigin {
    @Description("The upstream told the gateway with a verified webhook; the change may have been made anywhere.")
    WEBHOOK,
    @Description("The change was made through this gateway's own mutations.")
    GATEWAY
}
