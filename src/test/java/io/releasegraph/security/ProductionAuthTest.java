package io.releasegraph.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.releasegraph.support.GraphQLClient;
import io.releasegraph.support.TestTokens;

/** Production: the sandbox is off, callers are verified against the configured key, and no demo tokens exist. */
@QuarkusTest
@TestProfile(ProductionAuthTest.Production.class)
class ProductionAuthTest {

    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestTokens.withTestKey("gateway.sandbox.enabled", "false",
                    "quarkus.smallrye-graphql.field-visibility", "no-introspection");
        }
    }

    @Test
    void noDemoTokens() {
        given().queryParam("role", "operator").when().get("/sandbox/token").then().statusCode(404);
    }

    @Test
    void aTokenSignedWithTheConfiguredKeyIsAccepted() {
        String operator = TestTokens.signedWithTestKey("operator", Duration.ofMinutes(5));
        // The upstreams are not reachable in this profile; what matters is that the caller got past auth.
        GraphQLClient.post("deployments", Map.of(), TestTokens.bearer(operator))
                .body("errors[0].extensions.code", not(equalTo("UNAUTHENTICATED")));
    }

    @Test
    void anExpiredTokenIsRefused() {
        String expired = TestTokens.signedWithTestKey("operator", Duration.ofSeconds(-120));
        GraphQLClient.post("deployments", Map.of(), TestTokens.bearer(expired)).statusCode(401)
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void introspectionAndTheSchemaAreHidden() {
        GraphQLClient.post("introspection", Map.of()).statusCode(200) // application/json: a request error is 200
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
        given().when().get("/graphql/schema.graphql").then().statusCode(404);
    }
}
