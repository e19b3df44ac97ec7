package io.releasegraph.store;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Runs in one persistence unit; {@code store.h2} and {@code store.postgresql} bind it to their entity. */
public abstract class RunRepository<E extends RunRecord> implements PanacheRepositoryBase<E, Long> {

    /**
     * Newest first. {@code deploymentId} leads although the where clause fixes it: the order is the same, and H2 reads
     * the index {@code run_record_page} (deployment_id, created_at desc, job_group_id desc) in order only when the
     * order by names its columns from the first; without it H2 sorted every run of the deployment for each page.
     */
    private static final String NEWEST_FIRST = " order by deploymentId, createdAt desc, jobGroupId desc";

    /** A new, unsaved run of this persistence unit's entity. */
    public abstract E newRecord();

    /**
     * One page of a deployment's runs, newest first, after the keyset position ({@code afterCreatedAt},
     * {@code afterJobGroupId}) when given: an index range scan whatever the history's length.
     */
    public List<E> page(long deploymentId, int limit, OffsetDateTime afterCreatedAt, Long afterJobGroupId) {
        if (afterCreatedAt == null) {
            return find("deploymentId = ?1" + NEWEST_FIRST, deploymentId).range(0, limit - 1).list();
        }
        // createdAt <= ?2 on its own gives the index range a start, so rows before the position are not read
        return find("deploymentId = ?1 and createdAt <= ?2 and (createdAt < ?2 or jobGroupId < ?3)" + NEWEST_FIRST,
                deploymentId, afterCreatedAt, afterJobGroupId).range(0, limit - 1).list();
    }

    /**
     * Counts one more run of the deployment, in the transaction that records it. The first run of a deployment inserts
     * its row; two first runs at once make one of them fail on the primary key, and its caller retries (then updates).
     */
    public void countRun(long deploymentId) {
        int updated = getEntityManager()
                .createNativeQuery("update run_count set runs = runs + 1 where deployment_id = :deployment")
                .setParameter("deployment", deploymentId)
                .executeUpdate();
        if (updated == 0) {
            getEntityManager().createNativeQuery("insert into run_count (deployment_id, runs) values (:deployment, 1)")
                    .setParameter("deployment", deploymentId)
                    .executeUpdate();
        }
    }

    /** How many runs each deployment has, one row each (V9); deployments without runs are absent. */
    public Map<Long, Long> countByDeployments(List<Long> deploymentIds) {
        Map<Long, Long> counts = new HashMap<>();
        List<?> rows = getEntityManager()
                .createNativeQuery("select deployment_id, runs from run_count where deployment_id in (:deployments)")
                .setParameter("deployments", deploymentIds)
                .getResultList();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            counts.put(((Number) columns[0]).longValue(), ((Number) columns[1]).longValue());
        }
        return counts;
    }

    /** Forgets every run and count; for tests that start from an empty history. */
    public void deleteAllRuns() {
        deleteAll();
        getEntityManager().createNativeQuery("delete from run_count").executeUpdate();
    }
}
