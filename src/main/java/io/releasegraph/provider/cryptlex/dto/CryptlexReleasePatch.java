package io.releasegraph.provider.cryptlex.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code PATCH /v3/releases/{id}}: absent (null) fields are left out, and Cryptlex leaves them alone. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CryptlexReleasePatch(
        String name,
        String version,
        String channel,
        List<String> platforms,
        @JsonProperty("private") Boolean isPrivate,
        String notes) {
}
