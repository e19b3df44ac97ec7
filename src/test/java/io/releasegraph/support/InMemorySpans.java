package io.releasegraph.support;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * Keeps finished spans in memory. Quarkus' default {@code cdi} exporter sends spans to every {@code SpanExporter}
 * bean; it only runs where a profile switches the SDK on ({@link OperationsProfile}).
 */
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
