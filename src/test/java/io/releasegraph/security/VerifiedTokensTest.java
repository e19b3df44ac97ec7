package io.releasegraph.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.releasegraph.support.MutableClock;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;

/** A caller token's signature is checked once while it is valid; a bad or expired token is refused every time. */
class VerifiedTokensTest {

    private static final String ISSUER = "urn:releasegraph:test";

    private final KeyPair trusted = rsa();
    private final AtomicInteger verifications = new AtomicInteger();
    private final MutableClock clock = new MutableClock();
    private VerifiedTokens tokens;

    @BeforeEach
    void verifier() {
        JWTAuthContextInfo context = new JWTAuthContextInfo(trusted.getPublic(), ISSUER);
        context.setClockSkew(0);
        DefaultJWTParser real = new DefaultJWTParser(context);
        tokens = new VerifiedTokens(new DefaultJWTParser(context) {
            @Override
            public JsonWebToken parse(String token) throws ParseException {
                verifications.incrementAndGet();
                JsonWebToken verified = real.parse(token);
                // The real verifier reads the system clock; the test's clock decides expiry here.
                if (verified.getExpirationTime() <= clock.instant().getEpochSecond()) {
                    throw new ParseException("expired at the test clock");
                }
                return verified;
            }
        }, clock);
    }

    @Test
    void aValidTokenIsVerifiedOnce() throws ParseException {
        String token = token(trusted, 3600);

        JsonWebToken first = tokens.parse(token);
        JsonWebToken second = tokens.parse(token);

        assertThat(second).isSameAs(first);
        assertThat(second.getGroups()).containsExactly("viewer");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aForgedTokenIsRefusedEveryTime() {
        String forged = token(rsa(), 3600);

        assertThatThrownBy(() -> tokens.parse(forged)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> tokens.parse(forged)).isInstanceOf(ParseException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() throws ParseException {
        String shortLived = token(trusted, 60);
        tokens.parse(shortLived);
        tokens.parse(shortLived);
        assertThat(verifications).hasValue(1);

        clock.advance(Duration.ofSeconds(61)); // past exp, which is in whole seconds
        assertThatThrownBy(() -> tokens.parse(shortLived)).isInstanceOf(ParseException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTokenChangedInItsSignatureIsNotTheRememberedOne() throws ParseException {
        String token = token(trusted, 3600);
        tokens.parse(token);
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        assertThatThrownBy(() -> tokens.parse(tampered)).isInstanceOf(ParseException.class);
    }

    private static String token(KeyPair keys, long lifetimeSeconds) {
        return Jwt.issuer(ISSUER).subject("test-viewer").groups(Set.of("viewer")).expiresIn(lifetimeSeconds)
                .sign(keys.getPrivate());
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
