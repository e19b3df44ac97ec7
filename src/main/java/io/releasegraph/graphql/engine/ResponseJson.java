package io.releasegraph.graphql.engine;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import jakarta.json.JsonArray;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;

import graphql.GraphQLError;
import io.smallrye.graphql.execution.error.ExecutionErrorsService;
import io.vertx.core.buffer.Buffer;

/**
 * Writes an execution's response in SmallRye's layout ({@code errors}, then {@code data}, then {@code extensions}),
 * straight from the result tree. Errors are rendered by SmallRye's own service, so they read as SmallRye's do
 * (only the configured {@code extensions} fields, the error-extension providers' entries).
 */
final class ResponseJson {

    private static final ExecutionErrorsService ERRORS = new ExecutionErrorsService();
    private static final SerializedString ERRORS_KEY = new SerializedString("errors");
    private static final SerializedString DATA_KEY = new SerializedString("data");
    private static final SerializedString EXTENSIONS_KEY = new SerializedString("extensions");
    private static final SerializedString WARNINGS_KEY = new SerializedString("warnings");

    private ResponseJson() {
    }

    static Buffer write(ObjectMapper json, List<GraphQLError> errors, Execution.Node data, JsonArray warnings)
            throws IOException {
        ByteArrayBuilder bytes = new ByteArrayBuilder(json.getFactory()._getBufferRecycler(), 4096);
        try (JsonGenerator out = json.getFactory().createGenerator(bytes)) {
            out.writeStartObject();
            if (!errors.isEmpty()) {
                out.writeFieldName(ERRORS_KEY);
                out.writeRawValue(ERRORS.toJsonErrors(errors).toString());
            }
            out.writeFieldName(DATA_KEY);
            if (data == null) {
                out.writeNull();
            } else {
                object(out, data);
            }
            if (warnings != null) {
                out.writeFieldName(EXTENSIONS_KEY);
                out.writeStartObject();
                out.writeFieldName(WARNINGS_KEY);
                out.writeRawValue(warnings.toString());
                out.writeEndObject();
            }
            out.writeEndObject();
        }
        Buffer body = Buffer.buffer(bytes.toByteArray());
        bytes.release();
        return body;
    }

    private static void object(JsonGenerator out, Execution.Node node) throws IOException {
        out.writeStartObject();
        FieldPlan[] fields = node.plan.fields;
        for (int i = 0; i < fields.length; i++) {
            out.writeFieldName(fields[i].key());
            value(out, node.values[i]);
        }
        out.writeEndObject();
    }

    private static void value(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String text) {
            out.writeString(text);
        } else if (value instanceof Execution.Node node) {
            if (node.plan != null) {
                object(out, node);
            } else {
                out.writeStartArray();
                for (Object item : node.values) {
                    value(out, item);
                }
                out.writeEndArray();
            }
        } else if (value instanceof Boolean bool) {
            out.writeBoolean(bool);
        } else if (value instanceof Integer number) {
            out.writeNumber(number);
        } else if (value instanceof Long number) {
            out.writeNumber(number);
        } else if (value instanceof Double number) {
            out.writeNumber(number);
        } else if (value instanceof Float number) {
            out.writeNumber(number);
        } else if (value instanceof BigInteger number) {
            out.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            out.writeNumber(number);
        } else {
            out.writeObject(value); // a scalar serialized to a map or list (none in this schema today)
        }
    }
}
