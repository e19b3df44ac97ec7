package io.releasegraph.graphql.engine;

import java.io.IOException;
import java.util.List;

import jakarta.json.JsonArray;

import com.fasterxml.jackson.databind.ObjectMapper;

import graphql.GraphQLError;
import io.vertx.core.buffer.Buffer;

/**
 * Writes an execution's response in SmallRye's layout ({@code errors}, then {@code data}, then {@code extensions}),
 * straight from the result tree ({@link JsonOutput}). Errors are rendered by SmallRye's own service
 * ({@link SmallRyeAdapter#errorsJson}), so they read as SmallRye's do (only the configured {@code extensions} fields,
 * the error-extension providers' entries).
 */
final class ResponseJson {

    private static final byte[] ERRORS_KEY = JsonOutput.key("errors");
    private static final byte[] DATA_KEY = JsonOutput.key("data");
    private static final byte[] EXTENSIONS_KEY = JsonOutput.key("extensions");
    private static final byte[] WARNINGS_KEY = JsonOutput.key("warnings");


    private ResponseJson() {
    }

    /**
     * @param expectedBytes the size of the operation's last response: most answers to one operation are alike, so the
     *        buffer seldom has to grow
     */
    static Buffer write(ObjectMapper json, List<GraphQLError> errors, Execution.Node data, JsonArray warnings,
            int expectedBytes) throws IOException {
        JsonOutput out = new JsonOutput(expectedBytes + expectedBytes / 8);
        out.write((byte) '{');
        if (!errors.isEmpty()) {
            out.write(ERRORS_KEY);
            out.raw(SmallRyeAdapter.errorsJson(errors));
            out.comma();
        }
        out.write(DATA_KEY);
        if (data == null) {
            out.nullValue();
        } else {
            object(out, json, data);
        }
        if (warnings != null) {
            out.comma();
            out.write(EXTENSIONS_KEY);
            out.write((byte) '{');
            out.write(WARNINGS_KEY);
            out.raw(warnings.toString());
            out.write((byte) '}');
        }
        out.write((byte) '}');
        return out.toBuffer();
    }

    private static void object(JsonOutput out, ObjectMapper json, Execution.Node node) throws IOException {
        out.write((byte) '{');
        FieldPlan[] fields = node.plan.fields;
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.comma();
            }
            out.write(fields[i].key());
            value(out, json, node.values[i]);
        }
        out.write((byte) '}');
    }

    private static void value(JsonOutput out, ObjectMapper json, Object value) throws IOException {
        if (value == null) {
            out.nullValue();
        } else if (value instanceof String text) {
            out.string(text);
        } else if (value instanceof Execution.Node node) {
            if (node.plan != null) {
                object(out, json, node);
            } else {
                out.write((byte) '[');
                Object[] items = node.values;
                for (int i = 0; i < items.length; i++) {
                    if (i > 0) {
                        out.comma();
                    }
                    value(out, json, items[i]);
                }
                out.write((byte) ']');
            }
        } else if (value instanceof Boolean bool) {
            out.bool(bool);
        } else if (value instanceof Number number) {
            out.number(number);
        } else {
            out.raw(json.writeValueAsString(value)); // a scalar serialized to a map or list (none in this schema)
        }
    }
}
