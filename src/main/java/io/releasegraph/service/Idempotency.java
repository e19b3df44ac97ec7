package io.releasegraph.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import io.quarkus.logging.Log;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.releasegraph.config.GatewayConfig;
import io.releasegraph.error.ConflictException;
import io.releasegraph.error.NotFoundException;
import io.releasegraph.error.UpstreamCredentialsException;
import io.releasegraph.error.UpstreamRateLimitedException;
import io.releasegraph.error.ValidationException;
import io.releasegraph.store.IdempotencyStore;
import io.releasegraph.store.IdempotencyStore.Claim;
import io.releasegraph.store.IdempotencyStore.Intent;
import io.releasegraph.support.Sha256;
import io.smallrye.mutiny.Uni;

/**
 * A side effect exactly once per idempotency key within {@link #WINDOW}, for every mutation that takes a key, across
 * replicas, crashes and timeouts. The key is recorded as an intent in the shared store before anything else
 * ({@code CLAIMED}), marked {@code SENDING} just before the upstream write, and {@code SENT} with the result when the
 * upstream answers. A repeat of a {@code SENT} key replays the result; a repeat of a {@code SENDING} key (the first
 * request timed out, or its replica died) reconciles: it asks the upstream for the effect the intent started and
 * answers it as a replay, or, when the upstream shows none once the first call has certainly ended ({@code settle}),
 * sends once more. A key whose call never left (validation, a failed read before the write, an open breaker) is
 * released, so the same key can be retried. No message ever asks for a new key: that is what starts a side effect twice.
 */
@ApplicationScoped
public class Idempotency {

    static final Duration WINDOW = Duration.ofHours(24);

    /** What a keyed call answered, and whether it was the replay of an earlier one. */
    public record Outcome<T>(T value, boolean replayed) {
    }

    /** Handed to the side effect: it calls {@link #now()} right before its upstream write. */
    @FunctionalInterface
    public interface Sending {
        Uni<Void> now();
    }

    /**
     * Looks upstream for the effect of a call sent since the given time, once it is no other intent's; empty when
     * the upstream shows none.
     */
    @FunctionalInterface
    public interface Reconciler<T> {
        Uni<Optional<T>> find(OffsetDateTime sentSince);
    }

    /** One keyed mutation: how to perform it, remember it, answer it again and find it upstream. */
    public record Keyed<T>(String operation, String fingerprint, Long deploymentId, String request,
            Function<Sending, Uni<T>> action, Function<T, String> remember, Function<String, Uni<T>> replay,
            Reconciler<T> reconciler, Duration settle, String inFlight) {
    }

    private static final Sending UNKEYED = () -> Uni.createFrom().voidItem();

    private final IdempotencyStore store;
    private final CurrentIdentityAssociation identities;
    private final GatewayConfig config;

    Idempotency(IdempotencyStore store, CurrentIdentityAssociation identities, GatewayConfig config) {
        this.store = store;
        this.identities = identities;
        this.config = config;
    }

    /** How long a retry waits for a sent call's effect to show before sending once more. */
    public Duration settle() {
        return config.idempotency().settle();
    }

    public <T> Uni<Outcome<T>> once(String key, Keyed<T> keyed) {
        return once(key, keyed, caller());
    }

    /** {@link #once(String, Keyed)} with the caller taken earlier, where the request context was still active. */
    public <T> Uni<Outcome<T>> once(String key, Keyed<T> keyed, Uni<String> caller) {
        if (key == null) {
            // no key, no protection: the gateway cannot tell a retry from a second intended call (README, Resilience)
            return keyed.action().apply(UNKEYED).map(value -> new Outcome<>(value, false));
        }
        return caller.chain(who -> store.claim(new Intent(key, keyed.operation(), keyed.fingerprint(), who,
                keyed.deploymentId(), keyed.request()), WINDOW, config.idempotency().claimTimeout()))
                .chain(claim -> {
                    if (claim instanceof Claim.Completed completed) {
                        return keyed.replay().apply(completed.result()).map(value -> new Outcome<>(value, true));
                    }
                    if (claim instanceof Claim.Mismatch) {
                        return Uni.createFrom().failure(new ValidationException("idempotencyKey",
                                "This idempotency key was already used for a different request."));
                    }
                    if (claim instanceof Claim.Claimed) {
                        return Uni.createFrom().failure(new ConflictException(keyed.inFlight()));
                    }
                    if (claim instanceof Claim.Sending sending) {
                        return reconcile(key, keyed, sending.since(), false);
                    }
                    return act(key, keyed);
                });
    }

    private <T> Uni<Outcome<T>> act(String key, Keyed<T> keyed) {
        AtomicBoolean sent = new AtomicBoolean();
        Sending sending = () -> store.sending(key).invoke(() -> sent.set(true)).replaceWithVoid();
        return keyed.action().apply(sending)
                .call(value -> store.complete(key, keyed.remember().apply(value))
                        // the side effect happened: answer it; the key stays SENDING, so a retry reconciles
                        .onFailure().recoverWithItem(failure -> {
                            Log.errorf(failure, "%s succeeded upstream but its idempotency key could not be "
                                    + "completed; a retry with this key reconciles with the upstream", keyed.operation());
                            return null;
                        }))
                .onFailure(failure -> !sent.get() || changedNothingUpstream(failure)).call(() -> store.release(key))
                .map(value -> new Outcome<>(value, false));
    }

    /** A key in SENDING: the effect the intent started, or, once the first call has certainly ended, one more send. */
    private <T> Uni<Outcome<T>> reconcile(String key, Keyed<T> keyed, OffsetDateTime since, boolean waited) {
        return keyed.reconciler().find(since).chain(found -> {
            if (found.isPresent()) {
                return store.complete(key, keyed.remember().apply(found.get()))
                        .chain(stored -> keyed.replay().apply(stored))
                        .map(value -> new Outcome<>(value, true));
            }
            Duration left = Duration.between(OffsetDateTime.now(ZoneOffset.UTC), since.plus(keyed.settle()));
            if (!left.isNegative() && !left.isZero()) {
                if (waited) {
                    return Uni.createFrom().failure(new ConflictException(keyed.inFlight()));
                }
                // bounded: at most settle, after which the first call has timed out or answered
                return Uni.createFrom().voidItem().onItem().delayIt().by(left)
                        .chain(() -> reconcile(key, keyed, since, true));
            }
            return store.takeOver(key, since).chain(won -> won ? act(key, keyed)
                    : Uni.createFrom().failure(new ConflictException(keyed.inFlight())));
        });
    }

    /**
     * The token's subject, so a key replays only to the caller that used it; null when there is none. Call it on the
     * request's own thread (the identity is request-scoped); the answer may be subscribed to later.
     */
    public Uni<String> caller() {
        try {
            return identities.getDeferredIdentity()
                    .map(identity -> identity == null || identity.isAnonymous() ? null
                            : identity.getPrincipal().getName())
                    .onFailure().recoverWithNull();
        } catch (RuntimeException noRequestContext) {
            return Uni.createFrom().nullItem();
        }
    }

    /**
     * Failures after which the upstream certainly did nothing, so the key may be used again. Anything else (a
     * timeout, a reset connection, a 5xx) may have happened upstream, and the key stays SENDING.
     */
    static boolean changedNothingUpstream(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CircuitBreakerOpenException) {
                return true; // the breaker refused before any byte left
            }
        }
        return failure instanceof ValidationException || failure instanceof ConflictException
                || failure instanceof NotFoundException || failure instanceof UpstreamRateLimitedException
                || failure instanceof UpstreamCredentialsException;
    }

    /** SHA-256 of the request's canonical text, as hex. */
    public static String fingerprint(String canonical) {
        return Sha256.hex(canonical);
    }
}
