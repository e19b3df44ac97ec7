package io.releasegraph.provider.cryptlex.dto;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A webhook body: {@code {"event":"release.updated","data":{Release},"triggeredAt":…}} (seed 003). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CryptlexWebhookEvent(String event, CryptlexRelease data, OffsetDateTime triggeredAt) {
}
