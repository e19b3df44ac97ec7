package io.releasegraph.support;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;

/**
 * Caller tokens for tests. On the embedded defaults they come from the gateway itself ({@code GET /sandbox/token}),
 * as a developer gets them; a profile that configures the test key ({@link #KEY_CONFIG}) gets tokens signed with
 * the test private key instead. Cached per running application (its random port), whose key they fit.
 */
public final class TestTokens {

    /** The issuer of tokens signed with the test key. */
    public static final String TEST_ISSUER = "urn:releasegraph:test";

    /** Config for a profile that verifies callers against the test key, as production would against its own. */
    public static final Map<String, String> KEY_CONFIG = Map.of(
            "mp.jwt.verify.publickey.location", "auth/test-public-key.pem",
            "mp.jwt.verify.issuer", TEST_ISSUER);

    /** {@link #KEY_CONFIG} plus the given key-value pairs. */
    public static Map<String, String> withTestKey(String... keyValues) {
        Map<String, String> config = new java.util.HashMap<>(KEY_CONFIG);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    /** Headers for a request that must go out without a token ({@link DefaultCallerToken} leaves it alone). */
    public static final Map<String, String> ANONYMOUS = Map.of(DefaultCallerToken.ANONYMOUS_HEADER, "true");

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private TestTokens() {
    }

    public static String operator() {
        return token("operator");
    }

    public static String viewer() {
        return token("viewer");
    }

    public static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    /** A token signed with the test private key; only a profile with {@link #KEY_CONFIG} accepts it. */
    public static String signedWithTestKey(String role, Duration lifetime) {
        return Jwt.issuer(TEST_ISSUER).subject("test-" + role).upn("test-" + role).groups(Set.of(role))
                .expiresIn(lifetime).sign(testPrivateKey());
    }

    private static String token(String role) {
        return CACHE.computeIfAbsent(RestAssured.port + "/" + role, key -> {
            Response answer = given().queryParam("role", role).when().get("/sandbox/token");
            if (answer.statusCode() == 404) {
                return signedWithTestKey(role, Duration.ofHours(1));
            }
            return answer.then().statusCode(200).extract().path("token");
        });
    }

    static PrivateKey testPrivateKey() {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream("auth/test-private-key.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
