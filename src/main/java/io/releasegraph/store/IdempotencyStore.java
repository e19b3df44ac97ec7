package io.releasegraph.store;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.releasegraph.store.h2.H2IdempotencyRepository;
import io.releasegraph.store.postgresql.PgIdempotencyRepository;
import io.releasegraph.support.Blocking;
import io.releasegraph.support.Datasources;
import io.smallrye.mutiny.Uni;

/**
 * Idempotency keys in the shared database, so a repeat holds across replicas and restarts. A key is an intent:
 * {@code CLAIMED} before the upstream call, {@code SENDING} from the moment the call may reach the upstream, and
 * {@code SENT} with its result once the upstream answered; a repeat then replays the result.
 */
@ApplicationScoped
public class IdempotencyStore {

    static final String CLAIMED = "CLAIMED";
    static final String SENDING = "SENDING";
    static final String SENT = "SENT";

    /** What one keyed request asks for. */
    public record Intent(String key, String operation, String fingerprint, String caller, Long deploymentId,
            String request) {
    }

    /** What a claim found. */
    public sealed interface Claim {
        /** The key is ours now (new, or taken over from a claimer that died before sending): go ahead. */
        record Fresh() implements Claim {
        }

        /** The key's request finished before: answer its result. */
        record Completed(String result) implements Claim {
        }

        /** Another request holds the key and has not called the upstream yet. */
        record Claimed() implements Claim {
        }

        /** The key's call may have reached the upstream since {@code since}; its answer was not recorded (yet). */
        record Sending(OffsetDateTime since) implements Claim {
        }

        /** The key was used for a different request, or by another caller. */
        record Mismatch() implements Claim {
        }
    }

    private final IdempotencyRepository<?> repository;

    IdempotencyStore(H2IdempotencyRepository embedded, PgIdempotencyRepository postgresql) {
        this.repository = Datasources.pick(embedded, postgresql);
    }

    /**
     * @param claimTimeout how long a {@code CLAIMED} key (nothing sent yet) stays its claimer's: after that the
     *        claimer is taken to have died before sending, and the key is taken over
     */
    public Uni<Claim> claim(Intent intent, Duration window, Duration claimTimeout) {
        return Blocking.supply(() -> {
            try {
                return claimNow(intent, window, claimTimeout);
            } catch (RuntimeException concurrentInsert) {
                // Another replica inserted the same key between our read and our insert: read its entry.
                Log.debugf("idempotency key claimed concurrently; reading the winner's entry");
                return claimNow(intent, window, claimTimeout);
            }
        });
    }

    /** The call is about to leave: from now on its outcome is unknown until {@link #complete}. */
    public Uni<OffsetDateTime> sending(String key) {
        return Blocking.supply(() -> sendingNow(key));
    }

    /** Records the upstream's result; answers the result the key holds (an earlier one if another request won). */
    public Uni<String> complete(String key, String result) {
        return Blocking.supply(() -> completeNow(key, result));
    }

    /** Frees the key after a failure that certainly changed nothing upstream, so the caller may retry with it. */
    public Uni<Void> release(String key) {
        return Blocking.run(() -> releaseNow(key));
    }

    /**
     * A key in {@code SENDING} since {@code since} whose upstream shows no effect: it goes back to {@code CLAIMED}
     * for this request to send once more. Only one of concurrent retries wins.
     */
    public Uni<Boolean> takeOver(String key, OffsetDateTime since) {
        return Blocking.supply(() -> takeOverNow(key, since));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Claim claimNow(Intent intent, Duration window, Duration claimTimeout) {
        return claimIn(repository, intent, window, claimTimeout);
    }

    private static <E extends IdempotencyEntry> Claim claimIn(IdempotencyRepository<E> keys, Intent intent,
            Duration window, Duration claimTimeout) {
        OffsetDateTime now = now();
        E entry = keys.findById(intent.key(), LockModeType.PESSIMISTIC_WRITE);
        if (entry != null && entry.createdAt.isBefore(now.minus(window))) {
            keys.delete(entry);
            keys.flush();
            entry = null;
        }
        if (entry == null) {
            E fresh = keys.newEntry();
            fresh.key = intent.key();
            fresh.operation = intent.operation();
            fresh.fingerprint = intent.fingerprint();
            fresh.caller = intent.caller();
            fresh.deploymentId = intent.deploymentId();
            fresh.request = intent.request();
            fresh.state = CLAIMED;
            fresh.createdAt = now;
            fresh.stateAt = now;
            keys.persistAndFlush(fresh);
            return new Claim.Fresh();
        }
        if (!entry.operation.equals(intent.operation()) || !entry.fingerprint.equals(intent.fingerprint())
                || (entry.caller != null && intent.caller() != null && !entry.caller.equals(intent.caller()))) {
            return new Claim.Mismatch();
        }
        if (SENT.equals(entry.state)) {
            return new Claim.Completed(entry.result);
        }
        if (SENDING.equals(entry.state)) {
            return new Claim.Sending(entry.stateAt == null ? entry.createdAt : entry.stateAt);
        }
        if (entry.stateAt == null || entry.stateAt.isBefore(now.minus(claimTimeout))) {
            entry.stateAt = now; // its claimer died before sending anything: ours now
            return new Claim.Fresh();
        }
        return new Claim.Claimed();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    OffsetDateTime sendingNow(String key) {
        IdempotencyEntry entry = repository.findById(key, LockModeType.PESSIMISTIC_WRITE);
        OffsetDateTime now = now();
        if (entry != null && !SENT.equals(entry.state)) {
            entry.state = SENDING;
            entry.stateAt = now;
        }
        return now;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    String completeNow(String key, String result) {
        IdempotencyEntry entry = repository.findById(key, LockModeType.PESSIMISTIC_WRITE);
        if (entry == null) {
            return result;
        }
        if (SENT.equals(entry.state) && entry.result != null) {
            return entry.result;
        }
        OffsetDateTime now = now();
        entry.result = result;
        entry.state = SENT;
        entry.stateAt = now;
        entry.completedAt = now;
        return result;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void releaseNow(String key) {
        repository.delete("key = ?1 and state <> ?2", key, SENT);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    boolean takeOverNow(String key, OffsetDateTime since) {
        IdempotencyEntry entry = repository.findById(key, LockModeType.PESSIMISTIC_WRITE);
        if (entry == null || !SENDING.equals(entry.state) || !Objects.equals(
                entry.stateAt == null ? null : entry.stateAt.toInstant(), since.toInstant())) {
            return false;
        }
        entry.state = CLAIMED;
        entry.stateAt = now();
        return true;
    }

    /** Millisecond precision, so a time read back from either database compares equal to the one written. */
    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}
