package io.releasegraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.support.GraphQLClient;

/** GraphiQL users read the docs pane: every type, field, argument, input field and enum value has a description. */
@QuarkusTest
class SchemaDescriptionsTest {

    /** The spec's own scalars are described by the spec. */
    private static final Set<String> BUILT_IN = Set.of("String", "Int", "Float", "Boolean", "ID");

    @Test
    @SuppressWarnings("unchecked")
    void everyTypeFieldAndArgumentIsDescribed() {
        List<Map<String, Object>> types = GraphQLClient.post("descriptions", Map.of()).statusCode(200)
                .extract().jsonPath().getList("data.__schema.types");
        List<String> missing = new ArrayList<>();
        for (Map<String, Object> type : types) {
            String name = (String) type.get("name");
            if (name.startsWith("__") || BUILT_IN.contains(name)) {
                continue;
            }
            check(missing, name, type);
            for (Map<String, Object> field : list(type, "fields")) {
                check(missing, name + "." + field.get("name"), field);
                for (Map<String, Object> arg : list(field, "args")) {
                    check(missing, name + "." + field.get("name") + "(" + arg.get("name") + ")", arg);
                }
            }
            for (Map<String, Object> field : list(type, "inputFields")) {
                check(missing, name + "." + field.get("name"), field);
            }
            for (Map<String, Object> value : list(type, "enumValues")) {
                check(missing, name + "." + value.get("name"), value);
            }
        }
        assertThat(types).hasSizeGreaterThan(20);
        assertThat(missing).as("schema elements without a description").isEmpty();
    }

    private static void check(List<String> missing, String where, Map<String, Object> element) {
        Object description = element.get("description");
        if (!(description instanceof String text) || text.isBlank()) {
            missing.add(where);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> element, String key) {
        Object value = element.get(key);
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }
}
