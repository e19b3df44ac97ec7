package io.releasegraph.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.releasegraph.support.Clocks;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Caller tokens, each verified once: a frontend sends the same bearer token with every request, and checking its
 * RSA signature again each time was a third of the CPU of a small query. A token that verified is remembered (by
 * its full text, signature included) until it expires, or for {@link #MAX_AGE} at most; one that did not is never
 * remembered, so a forged or expired token is refused every time. Quarkus' JWT validator asks this parser.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final int MAX_TOKENS = 1_000;

    private final JWTParser verifier;
    private final Cache<String, JsonWebToken> verified;

    @Inject
    VerifiedTokens(JWTAuthContextInfo verification, Clock clock) {
        this(new DefaultJWTParser(verification), clock);
    }

    VerifiedTokens(JWTParser verifier, Clock clock) {
        this.verifier = verifier;
        this.verified = Caffeine.newBuilder().maximumSize(MAX_TOKENS).ticker(Clocks.ticker(clock))
                .expireAfter(new UntilExpiry(clock)).build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null) {
            return known;
        }
        JsonWebToken fresh = verifier.parse(token);
        verified.put(token, fresh);
        return fresh;
    }

    /** Until the token's {@code exp}, at most {@link #MAX_AGE}. */
    private static final class UntilExpiry implements Expiry<String, JsonWebToken> {
        private final Clock clock;

        UntilExpiry(Clock clock) {
            this.clock = clock;
        }

        @Override
        public long expireAfterCreate(String token, JsonWebToken jwt, long currentTime) {
            long maxAge = MAX_AGE.toNanos();
            long expiresAt = jwt.getExpirationTime();
            if (expiresAt <= 0) {
                return maxAge;
            }
            long untilExpiry = TimeUnit.SECONDS.toNanos(expiresAt) - TimeUnit.MILLISECONDS.toNanos(clock.millis());
            return Math.max(0, Math.min(maxAge, untilExpiry));
        }

        @Override
        public long expireAfterUpdate(String token, JsonWebToken jwt, long currentTime, long currentDuration) {
            return currentDuration;
        }

        @Override
        public long expireAfterRead(String token, JsonWebToken jwt, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    // Everything else is not a caller's bearer token: verified each time, as before.

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
