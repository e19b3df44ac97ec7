package io.releasegraph.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Query;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.Ids;
import io.releasegraph.support.TestTokens;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Who may do what: no token, a bad token, a viewer and an operator, over POST /graphql, the multipart route and the
 * schema SDL; the routes that need no caller token stay open.
 */
@QuarkusTest
class CallerAuthTest {

    @Test
    void withoutATokenEveryOperationIsRefusedBeforeItRuns() {
        for (String document : List.of("deployments", "introspection")) {
            GraphQLClient.post(document, Map.of(), TestTokens.ANONYMOUS).statusCode(401)
                    .header("WWW-Authenticate", "Bearer")
                    .body("data", nullValue())
                    .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"))
                    .body("errors[0].message", containsString("Authorization: Bearer"));
        }
        GraphQLClient.post("runDeployment", run(3), TestTokens.ANONYMOUS).statusCode(401)
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        given().header("X-Test-Anonymous", "true").when().get("/graphql/schema.graphql").then().statusCode(401)
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        given().header("X-Test-Anonymous", "true").multiPart("operations", "{}").multiPart("map", "{}")
                .when().post("/graphql").then().statusCode(401)
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));

        assertThat(runsOfDeployment3()).as("nothing ran").isZero();
    }

    @Test
    void aTokenTheGatewayDoesNotTrustIsRefusedWithoutEchoingIt() {
        String foreign = TestTokens.signedWithTestKey("operator", Duration.ofMinutes(5));
        for (String token : List.of("not-a-jwt", foreign)) {
            GraphQLClient.post("deployments", Map.of(), TestTokens.bearer(token)).statusCode(401)
                    .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"))
                    .body("errors[0].message", not(containsString(token)));
        }
    }

    @Test
    void callerTokensAreVerifiedThroughTheCacheOfVerifiedTokens() {
        // Quarkus' JWT validator asks the JWTParser bean; a second request with the same token must not verify again.
        assertThat(Arc.container().instance(io.smallrye.jwt.auth.principal.JWTParser.class).get())
                .isInstanceOf(VerifiedTokens.class);
        GraphQLClient.post("deployments", Map.of("first", 1), Map.of("Authorization", "Bearer " + TestTokens.viewer()))
                .statusCode(200).body("errors", nullValue());
    }

    @Test
    void aViewerReadsButCannotMutate() {
        Map<String, String> viewer = TestTokens.bearer(TestTokens.viewer());
        GraphQLClient.post("deployments", Map.of(), viewer).statusCode(200)
                .body("errors", nullValue())
                .body("data.deployments.edges[0].node.name", notNullValue());
        GraphQLClient.post("runDeployment", run(3), viewer).statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"))
                .body("errors[0].message", containsString("operator"));
        GraphQLClient.post("activateRelease", Map.of("releaseId", Ids.deploymentRelease(12)), viewer).statusCode(200)
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"));

        assertThat(runsOfDeployment3()).as("nothing ran").isZero();
    }

    @Test
    void anOperatorMutatesAndReads() {
        Map<String, String> operator = TestTokens.bearer(TestTokens.operator());
        GraphQLClient.post("runDeployment", run(3), operator).statusCode(200)
                .body("errors", nullValue())
                .body("data.runDeployment.jobGroup.id", notNullValue());
        GraphQLClient.post("deployments", Map.of(), operator).statusCode(200).body("errors", nullValue());
        assertThat(runsOfDeployment3()).isEqualTo(1);
    }

    @Test
    void demoTokensAreOnlyForTheTwoRoles() {
        given().queryParam("role", "admin").when().get("/sandbox/token").then().statusCode(400);
        given().queryParam("role", "viewer").when().get("/sandbox/token").then().statusCode(200)
                .body("role", equalTo("viewer"))
                .body("authorization", containsString("Bearer "));
    }

    @Test
    void healthMetricsAndWebhooksNeedNoCallerToken() {
        given().header("Authorization", "Bearer not-a-jwt").when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
        // refused by its signature check, not by caller auth
        given().contentType("application/json").body("{}").when().post("/webhooks/cryptlex").then().statusCode(401)
                .body(not(containsString("UNAUTHENTICATED")));
    }

    /** Every resolver class is checked, and every operation is asynchronous, which the check needs. */
    @Test
    void everyResolverClassIsAuthorized() {
        List<Class<?>> resolvers = Arc.container().beanManager().getBeans(Object.class).stream()
                .<Class<?>> map(bean -> bean.getBeanClass())
                .filter(type -> type.isAnnotationPresent(GraphQLApi.class))
                .distinct().toList();
        assertThat(resolvers).hasSizeGreaterThan(5);
        for (Class<?> resolver : resolvers) {
            assertThat(resolver.isAnnotationPresent(Authorized.class)).as(resolver + " is @Authorized").isTrue();
            for (Method method : resolver.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Query.class) || method.isAnnotationPresent(Mutation.class)
                        || method.isAnnotationPresent(Subscription.class)) {
                    assertThat(Uni.class.isAssignableFrom(method.getReturnType())
                            || Multi.class.isAssignableFrom(method.getReturnType())).as(method.toString()).isTrue();
                }
            }
        }
    }

    private static long runsOfDeployment3() {
        Integer total = GraphQLClient.post("deployment", Map.of("id", Ids.deployment(3))).statusCode(200)
                .extract().path("data.deployment.runs.totalCount");
        return total;
    }

    private static Map<String, Object> run(long deployment) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("deploymentId", Ids.deployment(deployment));
        variables.put("parameters", List.of());
        variables.put("idempotencyKey", null);
        return variables;
    }
}
