package io.releasegraph.store;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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

    public Uni<Void> record(long jobGroupId, long deploymentId, List<RunParameter> parameters) {
        return Blocking.run(() -> recordNow(jobGroupId, deploymentId, parameters));
    }

    /** Runs of these deployments, newest first. */
    public Uni<List<Run>> ofDeployments(List<Long> deploymentIds) {
        CacheRequest.current().ifPresent(CacheRequest::uncacheable); // runs change with no eviction to announce it
        return Blocking.supply(() -> findNow(deploymentIds));
    }

    public Uni<Optional<Run>> find(long jobGroupId) {
        CacheRequest.current().ifPresent(CacheRequest::uncacheable);
        return Blocking.supply(() -> findOneNow(jobGroupId));
    }

    @Transactional
    void recordNow(long jobGroupId, long deploymentId, List<RunParameter> parameters) {
        recordIn(repository, jobGroupId, deploymentId, parameters);
    }

    private <E extends RunRecord> void recordIn(RunRepository<E> runs, long jobGroupId, long deploymentId,
            List<RunParameter> parameters) {
        if (runs.findById(jobGroupId) != null) {
            return;
        }
        E record = runs.newRecord();
        record.jobGroupId = jobGroupId;
        record.deploymentId = deploymentId;
        record.parameters = write(parameters);
        record.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        runs.persist(record);
    }

    /**
     * Reads get short transactions of their own, as the cache store's do: on a worker thread there is no request
     * context to lend them a session, and two reads of one request may run at once.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    List<Run> findNow(List<Long> deploymentIds) {
        if (deploymentIds.isEmpty()) {
            return List.of();
        }
        return repository.findByDeployments(deploymentIds).stream().map(r -> toRun(r)).toList();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Optional<Run> findOneNow(long jobGroupId) {
        return repository.findByIdOptional(jobGroupId).map(r -> toRun(r));
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
