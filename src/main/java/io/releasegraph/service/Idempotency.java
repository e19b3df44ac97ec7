package io.releasegraph.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.releasegraph.error.ConflictException;
import io.releasegraph.error.NotFoundException;
import io.releasegraph.error.UpstreamCredentialsException;
import io.releasegraph.error.UpstreamRateLimitedException;
import io.releasegraph.error.ValidationException;
import io.releasegraph.store.IdempotencyStore;
import io.releasegraph.store.IdempotencyStore.Claim;
import io.smallrye.mutiny.Uni;

/**
 * A side effect at most once per idempotency key within {@link #WINDOW}, for every mutation that takes a key: the
 * key is claimed in the shared store before the upstream call and completed with what the call produced; a repeat
 * with the same request replays that result without calling the upstream, a different request with the same key is
 * refused, and a repeat while the first is still running (or ended unknown) is a CONFLICT.
 */
@ApplicationScoped
public class Idempotency {

    static final Duration WINDOW = Duration.ofHours(24);

    /** What a keyed call answered, and whether it was the replay of an earlier one. */
    public record Outcome<T>(T value, boolean replayed) {
    }

    private final IdempotencyStore store;

    Idempotency(IdempotencyStore store) {
        this.store = store;
    }

    /**
     * @param operation names the mutation, so a key cannot replay another mutation's result
     * @param fingerprint a hash of the request ({@link #fingerprint})
     * @param action the side effect, called at most once per key
     * @param remember what of the result is stored (an ID or a small JSON)
     * @param replay rebuilds the answer from what was stored
     * @param inFlight the CONFLICT message when the first request has not finished
     */
    public <T> Uni<Outcome<T>> once(String key, String operation, String fingerprint, Supplier<Uni<T>> action,
            Function<T, String> remember, Function<String, Uni<T>> replay, String inFlight) {
        if (key == null) {
            return action.get().map(value -> new Outcome<>(value, false));
        }
        return store.claim(key, operation, fingerprint, WINDOW).chain(claim -> {
            if (claim instanceof Claim.Completed completed) {
                return replay.apply(completed.result()).map(value -> new Outcome<>(value, true));
            }
            if (claim instanceof Claim.Mismatch) {
                return Uni.createFrom().failure(new ValidationException("idempotencyKey",
                        "This idempotency key was already used for a different request."));
            }
            if (claim instanceof Claim.InFlight) {
                return Uni.createFrom().failure(new ConflictException(inFlight));
            }
            return action.get()
                    .call(value -> store.complete(key, remember.apply(value))
                            // the side effect happened: answer it; the key stays claimed, so a retry cannot repeat it
                            .onFailure().recoverWithItem(failure -> {
                                Log.errorf(failure, "%s succeeded upstream but its idempotency key could not be "
                                        + "completed; a retry with this key answers CONFLICT", operation);
                                return null;
                            }))
                    .onFailure(Idempotency::changedNothingUpstream).call(() -> store.release(key))
                    .map(value -> new Outcome<>(value, false));
        });
    }

    /**
     * Failures after which the upstream certainly did nothing, so the key may be used again. Anything else (a
     * timeout, a reset connection, a 5xx) may have happened upstream, and the key stays claimed.
     */
    static boolean changedNothingUpstream(Throwable failure) {
        return failure instanceof ValidationException || failure instanceof ConflictException
                || failure instanceof NotFoundException || failure instanceof UpstreamRateLimitedException
                || failure instanceof UpstreamCredentialsException;
    }

    /** SHA-256 of the request's canonical text, as hex. */
    public static String fingerprint(String canonical) {
        return HexFormat.of().formatHex(sha256().digest(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
