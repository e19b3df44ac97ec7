package io.releasegraph.sandbox.cryptlex;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.releasegraph.webhook.WebhookSignature;

/**
 * Delivers signed {@code release.updated} webhooks to {@code gateway.sandbox.cryptlex.webhook.url}, signed the way
 * Cryptlex signs ({@link WebhookSignature}).
 * Fire and forget: delivery runs on the HTTP client's own threads so it never delays the API
 * response, and a failed delivery is only logged (the sandbox does not retry).
 */
@ApplicationScoped
public class CryptlexWebhookSender {

    static final String RELEASE_UPDATED = "release.updated";
    static final String URL_KEY = "gateway.sandbox.cryptlex.webhook.url";

    private final CryptlexSandboxConfig config;
    private final ObjectMapper mapper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public CryptlexWebhookSender(CryptlexSandboxConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    void releaseUpdated(CryptlexRelease release) {
        // Read per delivery, not from the mapping fixed at start-up: the default points at this server's own port,
        // which in tests (port 0) is known only once the server listens.
        ConfigProvider.getConfig().getOptionalValue(URL_KEY, String.class).ifPresent(url -> send(url, release));
    }

    private void send(String url, CryptlexRelease release) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try {
            byte[] body = mapper.writeValueAsBytes(new Event(RELEASE_UPDATED, release, now));
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10))
                    // as on Cryptlex's "Webhooks" page: base64 HMAC-SHA256 of the raw body, no timestamp header
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header(WebhookSignature.HEADER, WebhookSignature.sign(config.webhook().secret(), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                if (failure != null) {
                    Log.debugf("Cryptlex sandbox webhook %s to %s failed: %s", RELEASE_UPDATED, url, failure);
                } else if (response.statusCode() >= 300) {
                    Log.debugf("Cryptlex sandbox webhook %s to %s answered %d", RELEASE_UPDATED, url,
                            response.statusCode());
                }
            });
        } catch (JsonProcessingException | IllegalArgumentException e) {
            Log.debugf("Cryptlex sandbox webhook %s to %s not sent: %s", RELEASE_UPDATED, url, e);
        }
    }

    /** The webhook body: {@code {"event","data","triggeredAt"}} (seed 003). */
    record Event(String event, CryptlexRelease data, Instant triggeredAt) {
    }
}
