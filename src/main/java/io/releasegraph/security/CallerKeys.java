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
import io.releasegraph.config.GatewayConfig;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.config.JWTAuthContextInfoProvider;

/**
 * Which key verifies caller tokens. Production configures one ({@code mp.jwt.verify.publickey.location}: a PEM file
 * or a JWKS URL, or {@code mp.jwt.verify.publickey}); on the embedded defaults (sandbox on, no key) the gateway makes
 * its own RSA key pair at start, trusts only that, and signs demo tokens with it. With neither, it refuses to start:
 * a gateway nobody can call, or everybody can, is never what an operator meant.
 *
 * <p>In dev and test mode Quarkus itself configures an in-memory key pair ({@code mp.jwt.verify.publickey} and
 * {@code smallrye.jwt.sign.key}); demo tokens are then signed with that configured signing key, while the sandbox
 * is on.
 */
@ApplicationScoped
@Startup
public class CallerKeys {

    /** The issuer of the gateway's own demo tokens; tokens from anywhere else are refused in that mode. */
    public static final String SANDBOX_ISSUER = "urn:releasegraph:sandbox";

    /** The properties any one of which configures a verification key. */
    static final List<String> KEY_PROPERTIES = List.of("mp.jwt.verify.publickey", "mp.jwt.verify.publickey.location",
            "smallrye.jwt.verify.key.location", "smallrye.jwt.verify.secretkey");

    /** The properties that configure a key to sign tokens with (smallrye-jwt-build). */
    static final List<String> SIGN_KEY_PROPERTIES = List.of("smallrye.jwt.sign.key", "smallrye.jwt.sign.key.location");

    private final Optional<KeyPair> own;
    private final boolean signWithConfiguredKey;
    private final String configuredIssuer;

    CallerKeys(GatewayConfig config, Config allConfig) {
        boolean configured = anySet(allConfig, KEY_PROPERTIES);
        requireKeyForRealUpstreams(configured, realUpstreams(allConfig));
        this.own = ownKeyNeeded(configured, config.sandbox().enabled()) ? Optional.of(generate()) : Optional.empty();
        this.signWithConfiguredKey = configured && config.sandbox().enabled() && anySet(allConfig, SIGN_KEY_PROPERTIES);
        this.configuredIssuer = allConfig.getOptionalValue("mp.jwt.verify.issuer", String.class).orElse(null);
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

    /**
     * The upstreams whose {@code quarkus.rest-client.<key>.url} is not a built-in sandbox ({@code .../sandbox/<key>},
     * on this server or another replica's).
     */
    public static List<String> realUpstreams(Config config) {
        List<String> real = new java.util.ArrayList<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("quarkus.rest-client.") && name.endsWith(".url")) {
                String key = name.substring("quarkus.rest-client.".length(), name.length() - ".url".length());
                if (!key.matches("[a-z0-9-]+")) {
                    continue; // Quarkus also exposes each client under its quoted class name: a config key only
                }
                config.getOptionalValue(name, String.class)
                        .filter(url -> !url.isBlank() && !url.contains("/sandbox/" + key))
                        .ifPresent(url -> real.add(key));
            }
        }
        java.util.Collections.sort(real);
        return real;
    }

    private static boolean anySet(Config config, List<String> keys) {
        return keys.stream().anyMatch(key -> config.getOptionalValue(key, String.class).filter(v -> !v.isBlank()).isPresent());
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

    /** A signed demo token for the role, or empty when the gateway holds no key to sign it with. */
    public Optional<String> demoToken(Role role, Duration lifetime) {
        if (own.isPresent()) {
            return Optional.of(claims(SANDBOX_ISSUER, role, lifetime).sign(own.get().getPrivate()));
        }
        if (signWithConfiguredKey) {
            return Optional.of(claims(configuredIssuer, role, lifetime).sign());
        }
        return Optional.empty();
    }

    private static JwtClaimsBuilder claims(String issuer, Role role, Duration lifetime) {
        JwtClaimsBuilder claims = Jwt.subject("sandbox-" + role.claim())
                .upn("sandbox-" + role.claim())
                .groups(Set.of(role.claim()))
                .expiresIn(lifetime);
        return issuer == null ? claims : claims.issuer(issuer);
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
