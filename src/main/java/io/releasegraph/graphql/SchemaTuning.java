package io.releasegraph.graphql;

import org.eclipse.microprofile.config.ConfigProvider;

import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLSchema;
import graphql.schema.visibility.DefaultGraphqlFieldVisibility;
import io.quarkus.logging.Log;
import io.smallrye.graphql.spi.EventingService;

/**
 * The default {@code quarkus.smallrye-graphql.field-visibility} ("default") becomes, in SmallRye GraphQL 2.17, a
 * {@code BlockedFields} with the regular expression "default", matched against every field graphql-java resolves
 * (12% of what a 100-object list allocates). With the default setting graphql-java's own visibility is put back
 * before the schema is built; any other setting (e.g. {@code no-introspection}) is left as SmallRye made it. Found
 * through {@link java.util.ServiceLoader} ({@code META-INF/services}), like every SmallRye event listener. The other
 * per-field cost, SmallRye's property fetcher, is {@link LeanPropertyFetchers}'.
 *
 * <p>The schema builder has no getter for the code registry SmallRye set, so the builder is built once here to read
 * it (its public {@link GraphQLSchema#getCodeRegistry()}); building twice is safe (graphql-java's build only adds
 * built-ins and replaces type references, both idempotent) and costs one more schema build at start (it loads the
 * classes SmallRye's own build would load; logged at DEBUG).
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
        boolean defaultVisibility = DEFAULT_VISIBILITY.equals(ConfigProvider.getConfig()
                .getOptionalValue(VISIBILITY_SETTING, String.class).orElse(DEFAULT_VISIBILITY).trim());
        if (!defaultVisibility) {
            return builder;
        }
        long started = System.nanoTime();
        GraphQLCodeRegistry built;
        try {
            built = builder.build().getCodeRegistry();
        } catch (RuntimeException invalid) {
            Log.warnf("GraphQL schema left as SmallRye built it: %s", invalid.toString()); // SmallRye's build says why
            return builder;
        }
        Log.debugf("field visibility reset (read SmallRye's code registry in %d ms)",
                (System.nanoTime() - started) / 1_000_000);
        return builder.codeRegistry(built.transform(code -> code
                .fieldVisibility(DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY)));
    }
}
