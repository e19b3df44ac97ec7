package io.releasegraph.store;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.releasegraph.cache.CacheRequest;
import io.releasegraph.domain.RunParameter;
import io.releasegraph.store.h2.H2RunRepository;
import io.releasegraph.store.postgresql.PgRunRepository;
import io.releasegraph.support.Blocking;
import io.releasegraph.support.Datasources;
import io.smallrye.mutiny.Uni;

/** The runs the gateway started. Trifacta cannot list a deployment's job groups, so the gateway remembers them. */
@ApplicationScoped
public class RunHistory {

    /** One remembered run. */
    public record Run(long jobGroupId, long deploymentId, List<RunParameter> parameters, OffsetDateTime createdAt) {
    }

    private static final TypeReference<List<RunParameter>> PARAMETERS = new TypeReference<>() {
    };

    private final RunRepository<?> repository;
    private final ObjectMapper json;

    RunHistory(H2RunRepository embedded, PgRunRepository postgresql, ObjectMapper json) {
        this.repository = Datasources.pick(embedded, postgresql);
        this.json = json;
    }

    /** Remembers a run the gateway started (under {@code idempotencyKey}, when it had one). */
    public Uni<Void> record(long jobGroupId, long deploymentId, List<RunParameter> parameters, String idempotencyKey) {
        return adopt(jobGroupId, deploymentId, parameters, idempotencyKey).replaceWithVoid();
    }

    /**
     * Records the run for this key unless it is already another run's: true when the job group is now this key's
     * (newly recorded, or recorded before under the same key), false when it belongs to another request.
     */
    public Uni<Boolean> adopt(long jobGroupId, long deploymentId, List<RunParameter> parameters, String idempotencyKey) {
        return Blocking.supply(() -> {
            try {
                return adoptNow(jobGroupId, deploymentId, parameters, idempotencyKey);
            } catch (RuntimeException concurrentInsert) { // the same job group, or a deployment's first count
                return adoptNow(jobGroupId, deploymentId, parameters, idempotencyKey);
            }
        });
    }

    /** One page of runs of each deployment, newest first, and how many runs each has: the database pages and counts. */
    public record Pages(Map<Long, List<Run>> runs, Map<Long, Long> counts) {
    }

    /** A keyset position in a deployment's runs. */
    public record Position(OffsetDateTime createdAt, long jobGroupId) {
    }

    /**
     * Up to {@code limit} runs of each deployment after the position (newest first), and the counts: one short
     * transaction, a bounded range read per deployment and one counter row each, however long the history.
     */
    public Uni<Pages> pages(List<Long> deploymentIds, int limit, Position after) {
        CacheRequest.current().ifPresent(CacheRequest::uncacheable); // runs change with no eviction to announce it
        return Blocking.supply(() -> pagesNow(deploymentIds, limit, after));
    }

    public Uni<Optional<Run>> find(long jobGroupId) {
        CacheRequest.current().ifPresent(CacheRequest::uncacheable);
        return Blocking.supply(() -> findOneNow(jobGroupId));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    boolean adoptNow(long jobGroupId, long deploymentId, List<RunParameter> parameters, String idempotencyKey) {
        return adoptIn(repository, jobGroupId, deploymentId, parameters, idempotencyKey);
    }

    private <E extends RunRecord> boolean adoptIn(RunRepository<E> runs, long jobGroupId, long deploymentId,
            List<RunParameter> parameters, String idempotencyKey) {
        E existing = runs.findById(jobGroupId);
        if (existing != null) {
            return idempotencyKey != null && idempotencyKey.equals(existing.idempotencyKey);
        }
        E record = runs.newRecord();
        record.jobGroupId = jobGroupId;
        record.deploymentId = deploymentId;
        record.parameters = write(parameters);
        record.createdAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        record.idempotencyKey = idempotencyKey;
        runs.persistAndFlush(record);
        runs.countRun(deploymentId);
        return true;
    }

    /**
     * Reads get short transactions of their own, as the cache store's do: on a worker thread there is no request
     * context to lend them a session, and two reads of one request may run at once.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Pages pagesNow(List<Long> deploymentIds, int limit, Position after) {
        if (deploymentIds.isEmpty()) {
            return new Pages(Map.of(), Map.of());
        }
        Map<Long, List<Run>> runs = new HashMap<>();
        if (limit > 0) {
            for (Long deploymentId : deploymentIds) {
                runs.put(deploymentId, repository.page(deploymentId, limit, after == null ? null : after.createdAt(),
                        after == null ? null : after.jobGroupId()).stream().map(r -> toRun(r)).toList());
            }
        }
        return new Pages(runs, repository.countByDeployments(deploymentIds));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Optional<Run> findOneNow(long jobGroupId) {
        return repository.findByIdOptional(jobGroupId).map(r -> toRun(r));
    }

    /** The parameters as the store keeps them (JSON). */
    public String json(List<RunParameter> parameters) {
        return write(parameters);
    }

    private Run toRun(RunRecord record) {
        return new Run(record.jobGroupId, record.deploymentId, read(record.parameters), record.createdAt);
    }

    private String write(List<RunParameter> parameters) {
        try {
            return json.writeValueAsString(parameters);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("run parameters are always serialisable", e);
        }
    }

    private List<RunParameter> read(String parameters) {
        try {
            return json.readValue(parameters, PARAMETERS);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
