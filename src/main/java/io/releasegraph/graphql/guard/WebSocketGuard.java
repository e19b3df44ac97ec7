package io.releasegraph.graphql.guard;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.logging.Log;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.smallrye.graphql.runtime.SmallRyeAuthGraphQLTransportWSSubprotocolHandler;
import io.quarkus.smallrye.graphql.runtime.SmallRyeGraphQLOverWebSocketHandler;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.releasegraph.config.GatewayConfig;
import io.releasegraph.security.Role;
import io.smallrye.graphql.websocket.GraphQLWebSocketSession;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * graphql-transport-ws on {@code /graphql}, as safe as a POST (protocol: github.com/enisdenjo/graphql-ws
 * PROTOCOL.md). It takes WebSocket upgrades before SmallRye's own route and runs SmallRye's protocol handler with
 * these checks in front:
 * <ul>
 * <li>at most {@code gateway.graphql.websocket.max-connections} sockets at once (more: HTTP 503 before the upgrade);</li>
 * <li>{@code connection_init} within {@code connection-init-timeout}, else close 4408;</li>
 * <li>a token (in the {@code connection_init} payload's {@code Authorization} or the upgrade's header): none closes
 * with 4401, one that does not verify or has no gateway role with 4403, before {@code connection_ack};</li>
 * <li>at most {@code max-connections-per-caller} acknowledged sockets per token subject (more: close 1013,
 * "try again later", RFC 6455 §7.4.2);</li>
 * <li>every {@code subscribe} through the HTTP guard's limits and validation ({@link GraphQLRequestGuard#refusal});
 * a refused one gets an {@code error} message for its id and never runs; a message larger than
 * {@code gateway.graphql.max-request-bytes} closes with 1009.</li>
 * </ul>
 */
@ApplicationScoped
public class WebSocketGuard {

    /** Just before SmallRye's own WebSocket route (order -99 in quarkus-smallrye-graphql), after Quarkus security. */
    static final int ORDER = -100;
    static final String SUBPROTOCOL = "graphql-transport-ws";
    private static final String AUTHORIZATION = "Authorization";

    private static final java.util.function.BiConsumer<RoutingContext, Throwable> IGNORE_AUTH_FAILURE = (ctx, e) -> {
    };

    private final GraphQLRequestGuard guard;
    private final JWTParser tokens;
    private final Vertx vertx;
    private final CurrentIdentityAssociation identities;
    private final CurrentVertxRequest requests;
    private final int maxConnections;
    private final int maxPerCaller;
    private final long initTimeoutMillis;
    private final int maxMessageChars;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, AtomicInteger> perCaller = new ConcurrentHashMap<>();

    WebSocketGuard(GraphQLRequestGuard guard, JWTParser tokens, Vertx vertx, CurrentIdentityAssociation identities,
            CurrentVertxRequest requests, GatewayConfig config) {
        this.guard = guard;
        this.tokens = tokens;
        this.vertx = vertx;
        this.identities = identities;
        this.requests = requests;
        GatewayConfig.Graphql.WebSocket websocket = config.graphql().websocket();
        this.maxConnections = websocket.maxConnections();
        this.maxPerCaller = websocket.maxConnectionsPerCaller();
        this.initTimeoutMillis = Math.max(1, websocket.connectionInitTimeout().toMillis());
        this.maxMessageChars = config.graphql().maxRequestBytes();
    }

    void register(@Observes Router router) {
        Handler handler = new Handler(identities, requests);
        router.route("/graphql").order(ORDER).handler(ctx -> {
            if (ctx.request().headers().contains(HttpHeaders.UPGRADE, HttpHeaders.WEBSOCKET, true)) {
                // A bad token is refused at connection_init with 4403, not by Quarkus with a bare 401.
                ctx.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, IGNORE_AUTH_FAILURE);
                handler.handle(ctx);
            } else {
                ctx.next();
            }
        });
    }

    /** Sockets open now (tests wait for a closed one to be released). */
    public int openConnections() {
        return open.get();
    }

    /** SmallRye's WebSocket route, with the guarded protocol handler instead of the plain one. */
    private final class Handler extends SmallRyeGraphQLOverWebSocketHandler {

        Handler(CurrentIdentityAssociation identities, CurrentVertxRequest requests) {
            super(identities, requests, false, Optional.of(AUTHORIZATION));
        }

        @Override
        protected void doHandle(RoutingContext ctx) {
            if (open.incrementAndGet() > maxConnections) {
                open.decrementAndGet();
                ctx.response().setStatusCode(503).putHeader("Retry-After", "5")
                        .end("Too many WebSocket connections; try again later.");
                return;
            }
            Map<String, Object> metaData = getMetaData(ctx);
            ctx.request().toWebSocket(upgraded -> {
                if (upgraded.failed()) {
                    open.decrementAndGet();
                    Log.debugf("WebSocket upgrade failed: %s", upgraded.cause().getMessage());
                    return;
                }
                ServerWebSocket socket = upgraded.result();
                if (!SUBPROTOCOL.equals(socket.subProtocol())) {
                    open.decrementAndGet();
                    socket.close((short) 4406, "Subprotocol not acceptable");
                    return;
                }
                Session session = new Session(socket);
                Protocol protocol = new Protocol(session, metaData, ctx, this);
                long initTimer = vertx.setTimer(initTimeoutMillis, id -> {
                    if (!protocol.initialised()) {
                        session.close((short) 4408, "Connection initialisation timeout");
                    }
                });
                socket.closeHandler(closed -> {
                    vertx.cancelTimer(initTimer);
                    open.decrementAndGet();
                    protocol.release();
                    protocol.onClose();
                });
                socket.endHandler(ended -> protocol.onEnd());
                socket.exceptionHandler(protocol::onThrowable);
                socket.textMessageHandler(protocol::onMessage);
            });
        }
    }

    /** SmallRye's graphql-transport-ws handler (with Quarkus' token handling), checked before it acts. */
    private final class Protocol extends SmallRyeAuthGraphQLTransportWSSubprotocolHandler {

        private final GraphQLWebSocketSession session;
        private final RoutingContext upgrade;
        private final AtomicBoolean initSeen = new AtomicBoolean();
        private volatile String caller;

        Protocol(GraphQLWebSocketSession session, Map<String, Object> context, RoutingContext upgrade,
                SmallRyeGraphQLOverWebSocketHandler handler) {
            super(session, context, upgrade, handler, Optional.of(AUTHORIZATION));
            this.session = session;
            this.upgrade = upgrade;
        }

        boolean initialised() {
            return connectionInitialized.get() || session.isClosed();
        }

        @Override
        public void onMessage(String text) {
            if (text != null && text.length() > maxMessageChars) {
                session.close((short) 1009, "Message too big");
                return;
            }
            super.onMessage(text);
        }

        @Override
        protected void onMessage(JsonObject message) {
            String type = message.getString("type", "");
            if ("connection_init".equals(type) && initSeen.compareAndSet(false, true)) {
                if (!admit(message)) {
                    return;
                }
            } else if ("subscribe".equals(type) && connectionInitialized.get() && refused(message)) {
                return;
            }
            super.onMessage(message);
        }

        /** The caller's token and connection count, before {@code connection_ack}; closes the socket when refused. */
        private boolean admit(JsonObject message) {
            Optional<String> token = token(message);
            if (token.isEmpty()) {
                session.close((short) 4401, "Unauthorized");
                return false;
            }
            JsonWebToken jwt;
            try {
                jwt = tokens.parse(token.get());
            } catch (ParseException | RuntimeException refused) {
                session.close((short) 4403, "Forbidden");
                return false;
            }
            Set<String> groups = jwt.getGroups() == null ? Set.of() : jwt.getGroups();
            if (!groups.contains(Role.VIEWER.claim()) && !groups.contains(Role.OPERATOR.claim())) {
                session.close((short) 4403, "Forbidden");
                return false;
            }
            String subject = Optional.ofNullable(jwt.getSubject()).orElse(String.valueOf(jwt.getName()));
            AtomicInteger count = perCaller.computeIfAbsent(subject, key -> new AtomicInteger());
            if (count.incrementAndGet() > maxPerCaller) {
                count.decrementAndGet();
                session.close((short) 1013, "Too many connections for this caller");
                return false;
            }
            caller = subject;
            return true;
        }

        void release() {
            String subject = caller;
            if (subject != null) {
                caller = null;
                perCaller.computeIfPresent(subject, (key, count) -> count.decrementAndGet() <= 0 ? null : count);
            }
        }

        private Optional<String> token(JsonObject message) {
            JsonValue payload = message.get("payload");
            String value = null;
            if (payload instanceof JsonObject object && object.get(AUTHORIZATION) instanceof jakarta.json.JsonString text) {
                value = text.getString();
            }
            if (value == null) {
                value = upgrade.request().getHeader(AUTHORIZATION);
            }
            if (value == null || value.isBlank()) {
                return Optional.empty();
            }
            String trimmed = value.trim();
            return Optional.of(trimmed.regionMatches(true, 0, "Bearer ", 0, 7) ? trimmed.substring(7).trim() : trimmed);
        }

        /** The HTTP guard's checks on the operation; a refusal is this operation's {@code error} message. */
        private boolean refused(JsonObject message) {
            String id = message.getString("id", null);
            if (id == null || !(message.get("payload") instanceof JsonObject payload)) {
                return false; // SmallRye closes with 4400 for a malformed subscribe
            }
            String query = payload.get("query") instanceof jakarta.json.JsonString text ? text.getString() : null;
            String operationName = payload.get("operationName") instanceof jakarta.json.JsonString text
                    ? text.getString() : null;
            JsonValue variables = payload.get("variables");
            Optional<GraphQLRequestGuard.Refusal> refusal = guard.refusal(query, operationName,
                    variables == null || variables.getValueType() == JsonValue.ValueType.NULL ? null : variables.toString());
            if (refusal.isEmpty()) {
                return false;
            }
            var extensions = Json.createObjectBuilder();
            refusal.get().extensions().forEach((key, value) -> extensions.add(key, String.valueOf(value)));
            JsonObject error = Json.createObjectBuilder()
                    .add("id", id)
                    .add("type", "error")
                    .add("payload", Json.createArrayBuilder().add(Json.createObjectBuilder()
                            .add("message", refusal.get().message())
                            .add("extensions", extensions)))
                    .build();
            try {
                session.sendMessage(error.toString());
            } catch (java.io.IOException closed) {
                Log.debugf("WebSocket closed before a refusal could be sent: %s", closed.getMessage());
            }
            return true;
        }
    }

    private static final class Session implements GraphQLWebSocketSession {

        private final ServerWebSocket socket;

        Session(ServerWebSocket socket) {
            this.socket = socket;
        }

        @Override
        public void sendMessage(String message) {
            socket.writeTextMessage(message);
        }

        @Override
        public void close(short statusCode, String reason) {
            if (!socket.isClosed()) {
                socket.close(statusCode, reason);
            }
        }

        @Override
        public boolean isClosed() {
            return socket.isClosed();
        }

        @Override
        public String toString() {
            return "WebSocket " + socket.remoteAddress();
        }
    }
}
