package io.releasegraph.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.visibility.DefaultGraphqlFieldVisibility;
import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.support.GraphQLClient;

/**
 * With the default field-visibility setting the served schema uses graphql-java's plain visibility, not a regex
 * per field (the production setting {@code no-introspection} is covered by the production auth test), and plain
 * properties are read without SmallRye's per-field context while dates keep SmallRye's formatting fetcher.
 */
@QuarkusTest
class SchemaTuningTest {

    /** Seconds always written, as DateTimeFormatter.ISO_OFFSET_DATE_TIME does (OffsetDateTime.toString would drop :00). */
    private static final String ISO_INSTANT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";

    @Inject
    GraphQLSchema schema;

    @Test
    void theDefaultSettingServesThePlainVisibility() {
        assertThat(schema.getCodeRegistry().getFieldVisibility())
                .isSameAs(DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY);
        assertThat(schema.getQueryType().getFieldDefinition("deployments")).as("the data fetchers survive").isNotNull();
    }

    @Test
    void plainPropertiesAreReadLeanAndAnswerAsBefore() {
        GraphQLObjectType deployment = schema.getObjectType("Deployment");
        for (String field : List.of("name", "releaseCount", "createdAt")) {
            assertThat(fetcher(deployment, field)).as(field).endsWith("LeanPropertyFetchers$Lean");
        }
        assertThat(fetcher(schema.getObjectType("DeploymentRelease"), "deployment")).as("a @Source field")
                .doesNotEndWith("LeanPropertyFetchers$Lean");

        // Dates are formatted by the DateTime scalar, enums by name, as with SmallRye's own fetcher.
        GraphQLClient.post("deploymentDates", Map.of()).statusCode(200)
                .body("errors", nullValue())
                .body("data.deployments.nodes.name", everyItem(notNullValue()))
                .body("data.deployments.nodes.releaseCount", everyItem(greaterThanOrEqualTo(0)))
                .body("data.deployments.nodes.createdAt", everyItem(matchesPattern(ISO_INSTANT)))
                .body("data.deployments.nodes.updatedAt", everyItem(matchesPattern(ISO_INSTANT)))
                .body("data.deployments.nodes.releases.nodes.flatten().createdAt", everyItem(matchesPattern(ISO_INSTANT)))
                .body("data.deployments.nodes.releases.nodes.flatten().status", everyItem(matchesPattern("[A-Z_]+")));
    }

    private String fetcher(GraphQLObjectType type, String field) {
        return schema.getCodeRegistry().getDataFetcher(type, type.getFieldDefinition(field)).getClass().getName();
    }
}
