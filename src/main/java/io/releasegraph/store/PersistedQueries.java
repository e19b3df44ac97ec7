package io.releasegraph.store;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.releasegraph.store.h2.H2PersistedQueryRepository;
import io.releasegraph.store.postgresql.PgPersistedQueryRepository;
import io.releasegraph.support.Blocking;
import io.releasegraph.support.Datasources;
import io.releasegraph.support.Sha256;
import io.smallrye.mutiny.Uni;

/**
 * Documents registered under the hex SHA-256 of their text, in the shared store so every replica knows a hash any
 * replica registered. A hash names one text for ever, so what was read once is kept in memory (a miss is not: another
 * replica may register the hash meanwhile).
 */
@ApplicationScoped
public class PersistedQueries {

    private final PersistedQueryRepository<?> repository;
    private final Cache<String, String> known = Caffeine.newBuilder().maximumSize(2000).build();

    PersistedQueries(H2PersistedQueryRepository embedded, PgPersistedQueryRepository postgresql) {
        this.repository = Datasources.pick(embedded, postgresql);
    }

    /** Lower-case hex SHA-256 of the UTF-8 text, as Apollo's clients compute it. */
    public static String sha256(String document) {
        return Sha256.hex(document);
    }

    public Uni<Optional<String>> find(String hash) {
        String document = known.getIfPresent(hash);
        if (document != null) {
            return Uni.createFrom().item(Optional.of(document));
        }
        return Blocking.supply(() -> findNow(hash)).invoke(found -> found.ifPresent(text -> known.put(hash, text)));
    }

    /** Registers the document under its own hash; registering it again (on any replica) changes nothing. */
    public Uni<Void> register(String document) {
        String hash = sha256(document);
        if (known.getIfPresent(hash) != null) {
            return Uni.createFrom().voidItem();
        }
        return Blocking.run(() -> {
            try {
                registerNow(hash, document);
            } catch (RuntimeException e) {
                if (!UniqueViolation.causes(e)) {
                    throw e;
                }
            }
            known.put(hash, document);
        });
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Optional<String> findNow(String hash) {
        PersistedQuery query = repository.findById(hash);
        return Optional.ofNullable(query).map(found -> found.document);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void registerNow(String hash, String document) {
        registerIn(repository, hash, document);
    }

    private static <E extends PersistedQuery> void registerIn(PersistedQueryRepository<E> queries, String hash,
            String document) {
        if (queries.findById(hash) != null) {
            return;
        }
        E entry = queries.newEntry();
        entry.sha256Hash = hash;
        entry.document = document;
        entry.registeredAt = OffsetDateTime.now(ZoneOffset.UTC);
        queries.persistAndFlush(entry);
    }

    /** The document stored under the hash, read from the store itself (not this replica's memory); for tests. */
    public Optional<String> storedNow(String hash) {
        return findNow(hash);
    }

    /** Every registered document goes, here and in memory; for tests. */
    public void deleteAllNow() {
        deleteAllStored();
        known.invalidateAll();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void deleteAllStored() {
        repository.deleteAll();
    }
}
