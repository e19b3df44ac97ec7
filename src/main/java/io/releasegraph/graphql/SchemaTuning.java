package io.releasegraph.graphql;

import java.lang.reflect.Field;

import org.eclipse.microprofile.config.ConfigProvider;

import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLSchema;
import graphql.schema.visibility.DefaultGraphqlFieldVisibility;
import io.quarkus.logging.Log;
import io.smallrye.graphql.spi.EventingService;

/**
 * Two per-field costs of SmallRye GraphQL 2.17, removed from the code registry before the schema is built (found
 * through {@link java.util.ServiceLoader}, {@code META-INF/services}, like every SmallRye event listener):
 * <ul>
 * <li>the default {@code quarkus.smallrye-graphql.field-visibility} ("default") becomes a {@code BlockedFields} with
 * the regular expression "default", matched against every field graphql-java resolves (12% of what a 100-object
 * list allocates); with the default setting graphql-java's own visibility is put back, any other setting (e.g.
 * {@code no-introspection}) is left as SmallRye made it;</li>
 * <li>plain properties read through {@link LeanPropertyFetchers}.</li>
 * </ul>
 * The builder and the registry expose no getters for what SmallRye set, so they are read by reflection; should a
 * SmallRye or graphql-java upgrade change them, the schema is built as SmallRye made it (and the schema-tuning test
 * fails).
 */
public class SchemaTuning implements EventingService {

    static final String VISIBILITY_SETTING = "quarkus.smallrye-graphql.field-visibility";
    static final String DEFAULT_VISIBILITY = "default";

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        try {
            GraphQLCodeRegistry built = read(GraphQLSchema.Builder.class, "codeRegistry", builder);
            boolean defaultVisibility = DEFAULT_VISIBILITY.equals(ConfigProvider.getConfig()
                    .getOptionalValue(VISIBILITY_SETTING, String.class).orElse(DEFAULT_VISIBILITY).trim());
            GraphQLCodeRegistry.Builder code = GraphQLCodeRegistry.newCodeRegistry(built);
            if (defaultVisibility) {
                code.fieldVisibility(DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY);
            }
            LeanPropertyFetchers.log(LeanPropertyFetchers.apply(built, code));
            return builder.codeRegistry(code.build());
        } catch (ReflectiveOperationException | RuntimeException unexpected) {
            Log.warnf("GraphQL schema left as SmallRye built it: %s", unexpected.toString());
            return builder;
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T read(Class<?> owner, String fieldName, Object instance) throws ReflectiveOperationException {
        Field field = owner.getDeclaredField(fieldName);
        field.setAccessible(true);
        return (T) field.get(instance);
    }
}
