package io.releasegraph.graphql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import graphql.GraphQLError;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherResult;
import graphql.execution.ResultPath;
import graphql.language.SourceLocation;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.graphql.SmallRyeGraphQLServerMessages;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.smallrye.graphql.execution.datafetcher.helper.ArgumentHelper;
import io.smallrye.graphql.execution.datafetcher.helper.FieldHelper;
import io.smallrye.graphql.execution.datafetcher.helper.OperationInvoker;
import io.smallrye.graphql.execution.error.ExceptionHandler;
import io.smallrye.graphql.execution.error.ExecutionErrorsService;
import io.smallrye.graphql.execution.error.GraphQLExceptionWhileDataFetching;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.transformation.AbstractDataFetcherException;
import io.smallrye.graphql.validation.BeanValidationUtil;

/**
 * What {@link SmallRyeAdapter} relies on in SmallRye GraphQL and Quarkus' extension, checked against the served
 * schema, so that an upgrade that changes it fails here, naming what changed, instead of answering differently:
 * every field is served by a data fetcher the adapter recognises, every field binds (or is knowingly left to
 * SmallRye), and the SmallRye members it calls keep their signatures and meaning.
 */
@QuarkusTest
class SmallRyeAdapterTest {

    /** Fields the engine knowingly leaves to SmallRye, and why. */
    private static final Map<String, String> LEFT_TO_SMALLRYE = Map.of();

    @Inject
    GraphQLSchema schema;

    @Inject
    SmallRyeAdapter smallRye;

    @Test
    void everyFieldIsServedByADataFetcherTheAdapterKnows() {
        Map<String, String> unknown = new TreeMap<>();
        fields((type, field) -> {
            DataFetcher<?> fetcher = schema.getCodeRegistry().getDataFetcher(type, field);
            if (SmallRyeAdapter.kind(fetcher).isEmpty()) {
                unknown.put(type.getName() + "." + field.getName(), fetcher.getClass().getName());
            }
        });
        assertThat(unknown).as("SmallRye now serves these fields with data fetchers SmallRyeAdapter.FETCHERS does not "
                + "list (field -> fetcher class); check what the new fetcher does and map it to a kind, or leave the "
                + "field to SmallRye").isEmpty();
        assertThat(SmallRyeAdapter.FETCHERS.values()).as("a kind no fetcher stands for")
                .containsAll(Set.of(SmallRyeAdapter.Kind.values()));
    }

    @Test
    void everyFieldBindsOrIsKnowinglyLeftToSmallRye() {
        Bindings bindings = new Bindings(schema, smallRye.model());
        Map<String, String> unsupported = new TreeMap<>();
        List<String> bound = new ArrayList<>();
        fields((type, field) -> {
            String name = type.getName() + "." + field.getName();
            try {
                bindings.resolver(type, field);
                bound.add(name);
            } catch (Planner.Unsupported refused) {
                unsupported.put(name, refused.getMessage());
            }
        });
        assertThat(unsupported.keySet()).as("fields the engine can no longer bind to SmallRye's model (field -> why): "
                + unsupported).isEqualTo(LEFT_TO_SMALLRYE.keySet());
        assertThat(bound).as("the query and mutation roots bind").contains("Query.deployments", "Mutation.activateRelease");
    }

    @Test
    void theSmallRyeMembersTheAdapterCallsKeepTheirSignatures() throws ReflectiveOperationException {
        List<String> changed = new ArrayList<>();
        expect(changed, FieldHelper.class, "transformOrAdaptResponse", Object.class, Object.class,
                DataFetchingEnvironment.class);
        expect(changed, ArgumentHelper.class, "getArguments", List.class, DataFetchingEnvironment.class);
        expect(changed, ArgumentHelper.class, "getArguments", List.class, DataFetchingEnvironment.class, boolean.class);
        expect(changed, OperationInvoker.class, "invoke", Object.class, Object[].class);
        expect(changed, OperationInvoker.class, "getMethod", Method.class);
        expect(changed, ExceptionHandler.class, "handleException", java.util.concurrent.CompletableFuture.class,
                graphql.execution.DataFetcherExceptionHandlerParameters.class);
        expect(changed, ExecutionErrorsService.class, "toJsonErrors", jakarta.json.JsonArray.class, List.class);
        expect(changed, BeanValidationUtil.class, "addConstraintViolationsToDataFetcherResult",
                DataFetcherResult.Builder.class, Set.class, Method.class, DataFetcherResult.Builder.class,
                DataFetchingEnvironment.class);
        expect(changed, AbstractDataFetcherException.class, "appendDataFetcherResult", DataFetcherResult.Builder.class,
                DataFetcherResult.Builder.class, DataFetchingEnvironment.class);
        expect(changed, SmallRyeGraphQLServerMessages.class, "dataFetcherException",
                io.smallrye.graphql.execution.datafetcher.DataFetcherException.class, Operation.class, Throwable.class);
        expect(changed, SmallRyeContext.class, "getAddedExtensions", Map.class);
        expect(changed, ExecutionResponse.class, "getExecutionResultAsString", String.class);
        assertThat(changed).as("SmallRye members SmallRyeAdapter calls changed").isEmpty();

        assertThat(DataFetcherExceptionHandler.class).as("SmallRye's exception handler is graphql-java's kind")
                .isAssignableFrom(ExceptionHandler.class);
        assertThat(GraphQLError.class).isAssignableFrom(GraphQLExceptionWhileDataFetching.class);
        assertThat(GraphQLExceptionWhileDataFetching.class.getConstructor(ResultPath.class, Throwable.class,
                SourceLocation.class)).isNotNull();
    }

    private static void expect(List<String> changed, Class<?> owner, String name, Class<?> returns,
            Class<?>... parameters) {
        try {
            Method method = owner.getMethod(name, parameters);
            if (!returns.isAssignableFrom(method.getReturnType()) || !Modifier.isPublic(method.getModifiers())) {
                changed.add(owner.getName() + "." + name + " now returns " + method.getReturnType().getName());
            }
        } catch (NoSuchMethodException gone) {
            changed.add(owner.getName() + "." + name + List.of(parameters) + " is gone");
        }
    }

    private interface FieldVisitor {
        void visit(GraphQLObjectType type, GraphQLFieldDefinition field);
    }

    /** Every field of every object type the engine may run: introspection and subscriptions are SmallRye's. */
    private void fields(FieldVisitor visitor) {
        schema.getAllTypesAsList().stream()
                .filter(GraphQLObjectType.class::isInstance).map(GraphQLObjectType.class::cast)
                .filter(type -> !type.getName().startsWith("__") && type != schema.getSubscriptionType())
                .forEach(type -> type.getFieldDefinitions().forEach(field -> visitor.visit(type, field)));
    }
}
