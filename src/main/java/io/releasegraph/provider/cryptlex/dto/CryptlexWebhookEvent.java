package io.releasegraph.provider.cryptlex.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A webhook body: {@code {"event":"release.updated","data":{Release},"triggeredAt":…}} (seed 003). Seed 003 types
 * {@code triggeredAt} as a plain string (the vendor's webhooks page shows an ISO-8601 date), so it is read as one.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CryptlexWebhookEvent(String event, CryptlexRelease data, String triggeredAt) {
}
