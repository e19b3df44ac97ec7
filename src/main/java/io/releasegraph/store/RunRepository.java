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

    /** How many runs each deployment has, in one grouped count; deployments without runs are absent. */
    public Map<Long, Long> countByDeployments(List<Long> deploymentIds) {
        Map<Long, Long> counts = new HashMap<>();
        getEntityManager()
                .createQuery("select r.deploymentId, count(r) from RunRecord r where r.deploymentId in ?1 "
                        + "group by r.deploymentId", Object[].class)
                .setParameter(1, deploymentIds)
                .getResultList()
                .forEach(row -> counts.put((Long) row[0], (Long) row[1]));
        return counts;
    }
}
