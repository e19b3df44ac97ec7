package io.releasegraph.security;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.Config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.releasegraph.config.SandboxSwitch;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.config.JWTAuthContextInfoProvider;

/**
 * Which key verifies caller tokens. Production configures one ({@code mp.jwt.verify.publickey.location}: a PEM file
 * or a JWKS URL, or {@code mp.jwt.verify.publickey}); on the embedded defaults (sandbox on, no key) the gateway makes
 * its own throw-away RSA key pair at start, trusts only that, and signs demo tokens with it. With neither, it refuses
 * to start: a gateway nobody can call, or everybody can, is never what an operator meant. Demo tokens are only ever
 * signed with that throw-away key, never with a configured signing key, so no replica with a real key accepts them.
 *
 * <p>{@code mp.jwt.verify.publickey=NONE} in application.properties (smallrye-jwt's own "unset") keeps Quarkus from
 * configuring its in-memory key pair in dev and test mode: those modes run as the embedded defaults do.
 */
@ApplicationScoped
@Startup
public class CallerKeys {

    /** The issuer of the gateway's own demo tokens; tokens from anywhere else are refused in that mode. */
    public static final String SANDBOX_ISSUER = "urn:releasegraph:sandbox";

    /** The properties any one of which configures a verification key. */
    static final List<String> KEY_PROPERTIES = List.of("mp.jwt.verify.publickey", "mp.jwt.verify.publickey.location",
            "smallrye.jwt.verify.key.location", "smallrye.jwt.verify.secretkey");

    /** smallrye-jwt's value for "no key". */
    private static final String NONE = "NONE";

    private final Optional<KeyPair> own;

    CallerKeys(SandboxSwitch sandbox, Config allConfig) {
        boolean configured = anySet(allConfig, KEY_PROPERTIES);
        requireKeyForRealUpstreams(configured, SandboxSwitch.realUpstreams(allConfig));
        this.own = ownKeyNeeded(configured, sandbox.on()) ? Optional.of(generate()) : Optional.empty();
        own.ifPresent(keys -> Log.info("Caller tokens: no key configured and the sandbox is on, so the gateway signs its "
                + "own demo tokens (GET /sandbox/token?role=viewer|operator); configure mp.jwt.verify.publickey.location "
                + "for production"));
    }

    /** Demo tokens in front of a real upstream would let anyone who reaches the port act on it: refuse to start. */
    static void requireKeyForRealUpstreams(boolean keyConfigured, List<String> realUpstreams) {
        if (!keyConfigured && !realUpstreams.isEmpty()) {
            throw new IllegalStateException("Real upstreams are configured (" + String.join(", ", realUpstreams)
                    + ") but no key verifies caller tokens: set mp.jwt.verify.publickey.location "
                    + "(MP_JWT_VERIFY_PUBLICKEY_LOCATION, a PEM file or JWKS URL) and mp.jwt.verify.issuer");
        }
    }

    private static boolean anySet(Config config, List<String> keys) {
        return keys.stream().anyMatch(key -> config.getOptionalValue(key, String.class)
                .filter(value -> !value.isBlank() && !value.equals(NONE)).isPresent());
    }

    /** True when the gateway must make its own key; fails when it may not (no key, sandbox off). */
    static boolean ownKeyNeeded(boolean keyConfigured, boolean sandboxEnabled) {
        if (keyConfigured) {
            return false;
        }
        if (!sandboxEnabled) {
            throw new IllegalStateException("No key to verify caller tokens: set mp.jwt.verify.publickey.location "
                    + "(MP_JWT_VERIFY_PUBLICKEY_LOCATION, a PEM file or JWKS URL) and mp.jwt.verify.issuer");
        }
        return true;
    }

    /** Verification as configured, or against the gateway's own key when it made one. */
    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo verification(JWTAuthContextInfoProvider fromConfig) {
        JWTAuthContextInfo info = fromConfig.getContextInfo();
        own.ifPresent(keys -> {
            info.setPublicVerificationKey(keys.getPublic());
            info.setIssuedBy(SANDBOX_ISSUER);
        });
        return info;
    }

    /** A demo token for the role signed with the gateway's own key, or empty when it made none. */
    public Optional<String> demoToken(Role role, Duration lifetime) {
        return own.map(keys -> Jwt.issuer(SANDBOX_ISSUER)
                .subject("sandbox-" + role.claim())
                .upn("sandbox-" + role.claim())
                .groups(Set.of(role.claim()))
                .expiresIn(lifetime)
                .sign(keys.getPrivate()));
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is always available", e);
        }
    }
}
