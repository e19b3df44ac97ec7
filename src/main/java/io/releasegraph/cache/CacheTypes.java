package io.releasegraph.cache;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;

/** Jackson types of cached values, so stored JSON reads back as the same records. */
public final class CacheTypes {

    private static final TypeFactory TYPES = TypeFactory.defaultInstance();

    private CacheTypes() {
    }

    public static JavaType of(Class<?> type) {
        return TYPES.constructType(type);
    }

    public static JavaType listOf(Class<?> element) {
        return TYPES.constructCollectionType(List.class, element);
    }

    public static JavaType optionalOf(Class<?> element) {
        return TYPES.constructReferenceType(Optional.class, TYPES.constructType(element));
    }
}
