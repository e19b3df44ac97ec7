package io.releasegraph.cache;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.releasegraph.domain.Release;

/**
 * Domain values as the JSON the store keeps, and back as the same records. {@code Release} is an interface with one
 * record per source, so its stored form names the record's class; a mix-in adds that here, leaving {@code domain}
 * free of storage concerns and new sources (Cryptlex) free of any registration.
 */
@ApplicationScoped
public class CacheCodec {

    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, include = JsonTypeInfo.As.PROPERTY, property = "@type")
    interface TypedRelease {
    }

    private final ObjectMapper json;

    CacheCodec(ObjectMapper json) {
        this.json = json.copy()
                .addMixIn(Release.class, TypedRelease.class)
                // a field removed from a record must not make every stored copy unreadable
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public String write(Object value, JavaType type) {
        try {
            return json.writerFor(type).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cache value of type " + type + " is not serialisable", e);
        }
    }

    /** The value, or empty when the stored JSON no longer fits the type (a changed record): then it is a miss. */
    public java.util.Optional<Object> read(String payload, JavaType type) {
        try {
            return java.util.Optional.ofNullable(json.readValue(payload, type));
        } catch (JsonProcessingException e) {
            return java.util.Optional.empty();
        }
    }
}
