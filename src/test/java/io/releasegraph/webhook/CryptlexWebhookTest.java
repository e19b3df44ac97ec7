package io.releasegraph.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.releasegraph.webhook.CryptlexWebhookFixtures.PAGE_CONTENT_TYPE;
import static io.releasegraph.webhook.CryptlexWebhookFixtures.cryptlexSignature;
import static io.releasegraph.webhook.CryptlexWebhookUpstream.TOKEN;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.runtime.AgroalDataSourceUtil;
import io.quarkus.datasource.common.runtime.DataSourceUtil;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.domain.EventOrigin;
import io.releasegraph.domain.ProductRelease;
import io.releasegraph.domain.ReleaseEvent;
import io.releasegraph.domain.ReleaseEventType;
import io.releasegraph.domain.ReleaseSource;
import io.releasegraph.sandbox.cryptlex.CryptlexSeed;
import io.releasegraph.service.ReleaseEventBus;
import io.releasegraph.support.Datasources;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.InjectWireMock;
import io.restassured.response.ValidatableResponse;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/**
 * {@code POST /webhooks/cryptlex} with deliveries made as Cryptlex makes them: seed 003's body, signed as Cryptlex's
 * "Webhooks" page describes. Cryptlex's API is WireMock, so the test decides what a re-read after an eviction sees.
 * Every store row is gone before each test ({@code CleanSlate}).
 */
@QuarkusTest
@WithTestResource(CryptlexWebhookUpstream.class)
class CryptlexWebhookTest {

    /** The release of seed 003's example body: its id is the placeholder {@code "string"}. */
    private static final String SEED_RELEASE = "string";
    private static final String SEED_RELEASE_ID = Ids.productRelease(SEED_RELEASE);
    /** gateway.cryptlex.webhook.tolerance's default. */
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** The date format of the example on Cryptlex's "Webhooks" page: seven fraction digits. */
    private static final DateTimeFormatter PAGE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectWireMock
    WireMockServer cryptlex;

    @Inject
    ReleaseEventBus bus;

    @TestHTTPResource("/webhooks/cryptlex")
    URI endpoint;

    private byte[] seedBody;
    private AssertSubscriber<ReleaseEvent> events;

    @BeforeEach
    void setUp() throws Exception {
        cryptlex.resetAll();
        seedBody = CryptlexWebhookFixtures.bytes(CryptlexWebhookFixtures.SEED_BODY);
        events = bus.events(ReleaseSource.CRYPTLEX).subscribe().withSubscriber(AssertSubscriber.create(100));
    }

    @AfterEach
    void cancel() {
        events.cancel();
    }

    @Test
    void aDeliverySignedAsTheVendorsPageShowsIsAcceptedAndChangesTheCacheAndReleaseEvents() throws Exception {
        cachedThenChangedInCryptlex();

        post(cryptlexSignature(TOKEN, seedBody), seedBody).statusCode(204);

        ReleaseEvent event = awaitEvent(SEED_RELEASE_ID);
        assertThat(event.type()).isEqualTo(ReleaseEventType.RELEASE_UPDATED);
        assertThat(event.origin()).isEqualTo(EventOrigin.WEBHOOK);
        assertThat(((ProductRelease) event.release()).version()).isEqualTo("string");
        // "triggeredAt": "string" is no date: the event is dated when it was received
        assertThat(event.occurredAt()).isAfter(OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
        // the cached copy went: the next ordinary read is Cryptlex's new state
        readSeedRelease().body("data.release.name", equalTo("Renamed in Cryptlex"));
    }

    @Test
    void aMissingOrWrongSignatureIs401WithAnEmptyBodyAndChangesNothing_theDocsDoNotSpecifyAnErrorBody()
            throws Exception {
        cachedThenChangedInCryptlex();
        byte[] other = withTriggeredAt(seedBody, "another body");

        given().contentType(PAGE_CONTENT_TYPE).body(seedBody).when().post("/webhooks/cryptlex").then()
                .statusCode(401).body(emptyString());
        for (String wrong : List.of(cryptlexSignature("another-token", seedBody), cryptlexSignature(TOKEN, other),
                CryptlexWebhookFixtures.pageSignature(), "", "garbage",
                // the scheme the gateway used to invent, even with the right HMAC in hex
                "t=1700000000,v1=" + java.util.HexFormat.of().formatHex(CryptlexWebhookFixtures.hmac(TOKEN, seedBody)))) {
            post(wrong, seedBody).statusCode(401).body(emptyString());
        }
        // a correct signature under another header name is no signature
        given().contentType(PAGE_CONTENT_TYPE).header("X-Cryptlex-Signature", cryptlexSignature(TOKEN, seedBody))
                .body(seedBody).when().post("/webhooks/cryptlex").then().statusCode(401);

        assertThat(mine(SEED_RELEASE_ID)).isEmpty();
        readSeedRelease().body("data.release.name", equalTo("string"));
        // and none of them was remembered: the genuine delivery is still accepted
        post(cryptlexSignature(TOKEN, seedBody), seedBody).statusCode(204);
    }

    @Test
    void acceptsAnyTriggeredAtString_seed003TypesItAsAPlainString() throws Exception {
        List<String> notDates = List.of("string", "", "yesterday", "2018-04-20 13:11:34", "2018-04-20T13:11:34");
        for (String triggeredAt : notDates) {
            byte[] body = withTriggeredAt(seedBody, triggeredAt);
            post(cryptlexSignature(TOKEN, body), body).statusCode(204);
        }
        await().atMost(WAIT).until(() -> mine(SEED_RELEASE_ID).size() == notDates.size());
    }

    @Test
    void judgesFreshnessFromATriggeredAtThatParses() throws Exception {
        cachedThenChangedInCryptlex();
        Instant now = Instant.now();
        for (Instant outside : List.of(now.minus(TOLERANCE).minusSeconds(30), now.plus(TOLERANCE).plusSeconds(30))) {
            byte[] body = withTriggeredAt(seedBody, PAGE_DATE.format(outside));
            post(cryptlexSignature(TOKEN, body), body).statusCode(401);
        }
        assertThat(mine(SEED_RELEASE_ID)).isEmpty();
        readSeedRelease().body("data.release.name", equalTo("string"));

        // the page's own format, within the tolerance; the event is dated by it
        String dated = PAGE_DATE.format(now.minus(TOLERANCE).plusSeconds(30));
        byte[] fresh = withTriggeredAt(seedBody, dated);
        post(cryptlexSignature(TOKEN, fresh), fresh).statusCode(204);
        assertThat(awaitEvent(SEED_RELEASE_ID).occurredAt().toInstant()).isEqualTo(Instant.parse(dated));
        readSeedRelease().body("data.release.name", equalTo("Renamed in Cryptlex"));
    }

    @Test
    void aResentIdenticalBodyIsRefusedAsAReplay_theDocsDoNotSayWhetherCryptlexRetriesWithTheSameBody()
            throws Exception {
        byte[] body = withTriggeredAt(seedBody, PAGE_DATE.format(Instant.now()));
        String signature = cryptlexSignature(TOKEN, body);

        post(signature, body).statusCode(204);
        awaitEvent(SEED_RELEASE_ID);
        post(signature, body).statusCode(401).body(emptyString());
        // the same MAC written differently (no padding) is the same delivery
        post(signature.replace("=", ""), body).statusCode(401);

        assertThat(mine(SEED_RELEASE_ID)).hasSize(1);
    }

    @Test
    void aDeliveryAnotherReplicaAcceptedIsRefusedHere() throws Exception {
        cachedThenChangedInCryptlex();
        // as another gateway sharing the store would have left it: this process never saw the delivery
        rememberInTheStore(seedBody, Instant.now().plus(TOLERANCE));

        post(cryptlexSignature(TOKEN, seedBody), seedBody).statusCode(401);

        assertThat(mine(SEED_RELEASE_ID)).isEmpty();
        readSeedRelease().body("data.release.name", equalTo("string"));
        // only that delivery is refused: another body is accepted
        byte[] another = withTriggeredAt(seedBody, "another delivery");
        post(cryptlexSignature(TOKEN, another), another).statusCode(204);
    }

    @Test
    void anIdenticalUndatedBodyIsAcceptedAgainOnceItsMemoryExpired() throws Exception {
        // Without a date in the body, a replay after the window cannot be told from a legitimate re-send (README).
        rememberInTheStore(seedBody, Instant.now().minusSeconds(1));

        post(cryptlexSignature(TOKEN, seedBody), seedBody).statusCode(204);

        awaitEvent(SEED_RELEASE_ID);
        post(cryptlexSignature(TOKEN, seedBody), seedBody).statusCode(401);
    }

    @Test
    void concurrentDeliveriesOfOneBodyAreAcceptedOnce() throws Exception {
        byte[] body = withTriggeredAt(seedBody, "concurrent");
        HttpRequest request = HttpRequest.newBuilder(endpoint).header("Content-Type", PAGE_CONTENT_TYPE)
                .header(WebhookSignature.HEADER, cryptlexSignature(TOKEN, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpClient client = HttpClient.newHttpClient();

        List<CompletableFuture<HttpResponse<Void>>> sent = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sent.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()));
        }
        List<Integer> statuses = sent.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();

        assertThat(statuses).containsOnly(204, 401).filteredOn(status -> status == 204).hasSize(1);
        awaitEvent(SEED_RELEASE_ID);
        assertThat(mine(SEED_RELEASE_ID)).hasSize(1);
    }

    @Test
    void ignoresOtherEventsAndRefusesAnUnreadableBody() {
        byte[] other = "{\"event\":\"license.created\",\"data\":{\"key\":\"D08B53\"},\"triggeredAt\":\"x\"}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        post(cryptlexSignature(TOKEN, other), other).statusCode(204);
        byte[] unreadable = "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        post(cryptlexSignature(TOKEN, unreadable), unreadable).statusCode(400);
        assertThat(events.getItems()).isEmpty();
    }

    @Test
    void theSandboxSignsItsDeliveriesAsCryptlexDoesAndTheGatewayAcceptsThem() throws Exception {
        String id = Ids.productRelease(CryptlexSeed.STUDIO_2_5_1_BETA);

        given().contentType("application/json").header("Authorization", "Bearer sandbox-cryptlex-token")
                .body("{\"notes\":\"changed in Cryptlex, not through the gateway\"}")
                .when().patch("/sandbox/cryptlex/v3/releases/" + CryptlexSeed.STUDIO_2_5_1_BETA).then().statusCode(200);

        ReleaseEvent event = awaitEvent(id);
        assertThat(event.origin()).isEqualTo(EventOrigin.WEBHOOK);
        assertThat(((ProductRelease) event.release()).notes()).isEqualTo("changed in Cryptlex, not through the gateway");
        // remembered against replays like any delivery
        assertThat(rememberedDeliveries()).isEqualTo(1);
    }

    /** The seed's release read through the gateway (now cached), then renamed in Cryptlex behind the cache's back. */
    private void cachedThenChangedInCryptlex() throws Exception {
        ObjectNode release = (ObjectNode) JSON.readTree(seedBody).get("data");
        cryptlex.stubFor(get(urlPathEqualTo("/v3/releases/" + SEED_RELEASE)).willReturn(okJson(release.toString())));
        readSeedRelease().body("data.release.name", equalTo("string"));

        cryptlex.stubFor(get(urlPathEqualTo("/v3/releases/" + SEED_RELEASE))
                .willReturn(okJson(release.deepCopy().put("name", "Renamed in Cryptlex").toString())));
        readSeedRelease().body("data.release.name", equalTo("string"));
    }

    private static ValidatableResponse readSeedRelease() {
        return GraphQLClient.post("productRelease", Map.of("id", SEED_RELEASE_ID)).statusCode(200)
                .body("errors", nullValue());
    }

    /** A row in {@code webhook_delivery} written with plain SQL, as another replica's gateway would have. */
    private static void rememberInTheStore(byte[] body, Instant expiresAt) throws Exception {
        try (Connection connection = store().getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO webhook_delivery (signature_hash, received_at, expires_at) VALUES (?, ?, ?)")) {
            insert.setString(1, CryptlexWebhookFixtures.storeKey(TOKEN, body));
            insert.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            insert.setObject(3, expiresAt.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    private static int rememberedDeliveries() throws Exception {
        try (Connection connection = store().getConnection(); PreparedStatement count = connection.prepareStatement(
                "SELECT COUNT(*) FROM webhook_delivery"); java.sql.ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static AgroalDataSource store() {
        return AgroalDataSourceUtil.dataSourceIfActive(
                Datasources.postgresqlActive() ? Datasources.POSTGRESQL : DataSourceUtil.DEFAULT_DATASOURCE_NAME)
                .orElseThrow();
    }

    private static byte[] withTriggeredAt(byte[] body, String triggeredAt) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(body);
        event.put("triggeredAt", triggeredAt);
        return JSON.writeValueAsBytes(event);
    }

    private static ValidatableResponse post(String signature, byte[] body) {
        return given().contentType(PAGE_CONTENT_TYPE).header(WebhookSignature.HEADER, signature).body(body)
                .when().post("/webhooks/cryptlex").then();
    }

    private ReleaseEvent awaitEvent(String releaseId) {
        return await().atMost(WAIT).until(() -> mine(releaseId), list -> !list.isEmpty()).get(0);
    }

    /**
     * Events of one release so far. A refusal is decided before anything is handled, and an accepted delivery
     * publishes before it is answered, so after a 401 there is nothing left to wait for.
     */
    private List<ReleaseEvent> mine(String releaseId) {
        return events.getItems().stream().filter(event -> event.releaseId().equals(releaseId)).toList();
    }
}
