package io.releasegraph.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every setting of the gateway's own, under the {@code gateway.} prefix. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** The built-in simulators of the upstream APIs, served under {@code /sandbox}. */
    Sandbox sandbox();

    /** Trifacta Deployment Manager credentials and paging (its URL is {@code quarkus.rest-client.trifacta.url}). */
    Trifacta trifacta();

    /**
     * LaunchDarkly Releases (beta) credentials, projects, paging and rate-limit handling (its URL is
     * {@code quarkus.rest-client.launchdarkly.url}).
     */
    LaunchDarkly launchdarkly();

    /** Cryptlex Releases credentials, paging, rate-limit handling and webhooks (URL: {@code quarkus.rest-client.cryptlex.url}). */
    Cryptlex cryptlex();

    /** GraphQL multipart uploads ({@code importRelease}). */
    Upload upload();

    /**
     * Where the cache and the gateway's own records live: {@code h2} (embedded file, one replica) or
     * {@code postgresql} (shared by replicas; needs {@code quarkus.datasource.pg.jdbc.url} and credentials).
     * application.properties switches datasources on the raw value ({@code store-switch.*.${gateway.store}});
     * this mapping makes any other value fail start-up with the allowed ones listed.
     */
    @WithDefault("h2")
    Store store();

    /** The values of {@code gateway.store}, written in lower case as configured. */
    enum Store {
        H2,
        POSTGRESQL
    }

    /** The read-through cache of upstream data: freshness per kind, stale-if-error, the in-memory level. */
    Cache cache();

    interface Cache {
        /**
         * Cache upstream data at all. Off ("strict"), nothing is kept and there are no stale copies: every read goes
         * to its upstream, or shares an identical read in flight that started after its request arrived
         * ({@link #shareReads()}). For benchmarks and debugging, not for production.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * With the cache off, let a read join an identical one in flight that started after its request arrived;
         * {@code false} sends every read to its upstream (to measure the upstream calls themselves).
         */
        @WithDefault("true")
        boolean shareReads();

        /**
         * How long a copy of each kind of object stays fresh ({@code gateway.cache.ttl.<kind>}, e.g.
         * {@code gateway.cache.ttl.deployment=PT1M}); kinds are matched ignoring case and dashes, so the environment
         * variable {@code GATEWAY_CACHE_TTL_JOBGROUP} sets {@code jobGroup}.
         */
        Map<String, Duration> ttl();

        /** Freshness of a kind with no {@code gateway.cache.ttl.<kind>}. */
        @WithDefault("PT5M")
        Duration ttlDefault();

        /**
         * Whole answers to queries, kept while every cache entry they were made from is fresh and not evicted
         * ({@code cache.ResponseCache}); only when the cache is enabled.
         */
        Responses responses();

        interface Responses {
            /** Keep whole answers at all. */
            @WithDefault("true")
            boolean enabled();

            /** The most memory the kept answers may take, in bytes. */
            @WithDefault("8388608")
            long maxBytes();
        }

        /** Freshness of a run (job group) that has not finished yet, so polling it sees it finish. */
        @WithDefault("PT2S")
        Duration ttlRunning();

        /** How old a last good copy may be and still be served, marked stale, when its upstream fails. */
        @WithDefault("PT24H")
        Duration staleIfError();

        /** The in-memory level: the most entries it holds (least recently used go first). */
        @WithDefault("10000")
        long memoryMaxEntries();

        /**
         * How often stored entries older than {@code stale-if-error} are deleted. {@code CacheStore.purge}'s
         * {@code @Scheduled(every = "${gateway.cache.purge-every}")} reads the raw value, which Quarkus parses the
         * same way; typed here so that a bad value fails start-up.
         */
        @WithDefault("1h")
        Duration purgeEvery();
    }

    /** Bounds on a GraphQL request, checked before it is executed (see README "Security"). */
    Graphql graphql();

    /** Caller authentication beyond the {@code mp.jwt.*} keys. */
    Auth auth();

    interface Graphql {
        /** The largest JSON (or {@code application/graphql}) request body, in bytes; uploads have their own limit. */
        @WithDefault("262144")
        int maxRequestBytes();

        /** The deepest nesting of fields in one operation (a root field is depth 1). */
        @WithDefault("12")
        int maxDepth();

        /** The most fields one operation may select, fragments counted where they are spread. */
        @WithDefault("500")
        int maxComplexity();

        /** The most aliases one document may use (aliases multiply upstream calls). */
        @WithDefault("30")
        int maxAliases();

        /** The most lexical tokens one document may have. */
        @WithDefault("5000")
        int maxTokens();

        /**
         * What executes queries and mutations sent over HTTP: {@code compiled}, the gateway's engine (operations are
         * compiled once per document and run without graphql-java's per-field machinery), or {@code smallrye}.
         * Either way SmallRye GraphQL builds the schema and serves introspection, subscriptions and whatever the
         * engine does not handle.
         */
        @WithDefault("compiled")
        Engine engine();

        /** The values of {@code gateway.graphql.engine}, written in lower case as configured. */
        enum Engine {
            COMPILED,
            SMALLRYE
        }

        /**
         * Honour {@code X-Releasegraph-Engine: smallrye} on a request, so that a test can run one request on each
         * engine and compare. Off outside tests.
         */
        @WithDefault("false")
        boolean engineHeader();

        /**
         * Trusted documents: run only operations registered as persisted queries (by hash, or whose text hashes to a
         * registered one); only an operator's request registers a new one. For production, once clients' operations
         * are registered.
         */
        @WithDefault("false")
        boolean persistedOnly();

        /**
         * {@code Cache-Control: max-age} of a GET answer to a persisted query ({@code public} for an anonymous caller,
         * {@code private} for an authorised one), with an {@code ETag} for revalidation.
         */
        @WithDefault("PT1M")
        Duration persistedMaxAge();

        /** Subscriptions over graphql-transport-ws (see README "Security"). */
        WebSocket websocket();

        interface WebSocket {
            /** The most WebSocket connections the gateway holds at once, authenticated or not. */
            @WithDefault("1000")
            int maxConnections();

            /** The most WebSocket connections one caller (the token's subject) may hold at once. */
            @WithDefault("10")
            int maxConnectionsPerCaller();

            /** How long a new connection may take to send {@code connection_init}; then it is closed with 4408. */
            @WithDefault("PT3S")
            Duration connectionInitTimeout();
        }
    }

    interface Auth {
        /** How long a demo token from {@code GET /sandbox/token} is valid. */
        @WithDefault("PT8H")
        Duration demoTokenLifetime();
    }

    interface Trifacta {
        /** API access token, sent as {@code Authorization: Bearer} unless username and password are set. */
        Optional<String> token();

        /** User for HTTP Basic; with a password, Basic is used instead of the token. */
        Optional<String> username();

        /** Password for HTTP Basic. */
        Optional<String> password();

        /**
         * Items per page when the gateway walks Trifacta's lists ({@code limit}). Trifacta signals the end only
         * with a short page, so a page size above the usual list length saves the extra, empty call.
         */
        @WithDefault("200")
        int pageSize();

        /** What the gateway does when Trifacta answers 429. */
        RateLimit rateLimit();

        /**
         * The Deployment Manager API version of the calls that have two ({@code v4} or {@code v3}): activating or
         * deactivating a release (seed 000) and running a deployment (seed 002). {@code v3} is for installations
         * older than Release 6.4, where v3 reached its end of life; every other call is v4 only.
         */
        @WithDefault("v4")
        TrifactaApiVersion apiVersion();
    }

    /** The values of {@code gateway.trifacta.api-version}. */
    enum TrifactaApiVersion {
        V3,
        V4;

        /** The path segment, e.g. {@code v4}. */
        public String path() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    interface LaunchDarkly {
        /** Access token, sent as is in {@code Authorization} (LaunchDarkly takes no {@code Bearer} prefix). */
        Optional<String> token();

        /** Project keys whose flag releases {@code releases} lists; LaunchDarkly has no account-wide release list. */
        @WithDefault("web-app,mobile-app")
        List<String> projects();

        /** Items per page when the gateway walks LaunchDarkly's lists ({@code limit}). */
        @WithDefault("50")
        int pageSize();

        /** What the gateway does when LaunchDarkly answers 429. */
        RateLimit rateLimit();
    }

    interface RateLimit {
        /** The longest wait the gateway accepts before retrying; a longer one is UPSTREAM_RATE_LIMITED at once. */
        @WithDefault("PT5S")
        Duration maxWait();

        /** How many times one call is retried after a 429 before the gateway gives up. */
        @WithDefault("2")
        int maxRetries();
    }

    interface Cryptlex {
        /** Access token with {@code release:read} and {@code release:write}, sent as {@code Authorization: Bearer}. */
        Optional<String> token();

        /** Items per page when the gateway walks Cryptlex's lists ({@code limit}, at most 100). */
        @WithDefault("100")
        int pageSize();

        /** What the gateway does when Cryptlex answers 429. */
        RateLimit rateLimit();

        /** The {@code release.updated} webhooks Cryptlex POSTs to {@code /webhooks/cryptlex}. */
        Webhook webhook();

        interface Webhook {
            /**
             * The webhook's token in Cryptlex, the HMAC-SHA256 key of its {@code Webhook-Signature}; without it every
             * webhook is refused (unless the sandbox is on, whose own token is then accepted).
             */
            Optional<String> secret();

            /**
             * How far a delivery's {@code triggeredAt}, when it parses as a date, may be from now; also how long an
             * accepted delivery is remembered in the store against replays.
             */
            @WithDefault("PT5M")
            Duration tolerance();
        }
    }

    /** Keyed mutations ({@code runDeployment}, {@code importRelease}); see the README, "Resilience". */
    Idempotency idempotency();

    interface Idempotency {
        /**
         * How long after a keyed call was sent a retry waits for the upstream to show its effect before sending once
         * more; longer than the write's timeout, so the first call has certainly ended.
         */
        @WithDefault("PT15S")
        Duration settle();

        /** How long a key may stay claimed with nothing sent before another request takes it over. */
        @WithDefault("PT30S")
        Duration claimTimeout();
    }

    interface Upload {
        /**
         * The largest package {@code importRelease} accepts, in bytes. Quarkus' own body limit
         * ({@code quarkus.http.limits.max-body-size}, 10 MiB) applies first: raise both to accept more.
         */
        @WithDefault("10000000")
        long maxBytes();

        /** The most file parts one multipart request may carry (refused with 413 above it). */
        @WithDefault("10")
        int maxParts();

        /**
         * Where uploaded parts are written while their request runs, one directory per request, deleted when the
         * request ends whatever its outcome (leftovers of a killed process are deleted at the next start).
         */
        @WithDefault("file-uploads")
        String directory();
    }

    interface Sandbox {
        /**
         * Serve the sandbox upstreams under {@code /sandbox} (and its demo tokens). Unset, it is on only while no
         * upstream URL or credential is configured; see {@link SandboxSwitch}.
         */
        Optional<Boolean> enabled();

        /** How long a sandbox set to {@code slow} ({@code POST /sandbox/faults}) waits before answering. */
        @WithDefault("PT15S")
        Duration slowDelay();
    }
}
