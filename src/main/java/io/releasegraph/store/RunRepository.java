package io.releasegraph.store;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Runs in one persistence unit; {@code store.h2} and {@code store.postgresql} bind it to their entity. */
public abstract class RunRepository<E extends RunRecord> implements PanacheRepositoryBase<E, Long> {

    private static final String NEWEST_FIRST = " order by createdAt desc, jobGroupId desc";

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
        return find("deploymentId = ?1 and (createdAt < ?2 or (createdAt = ?2 and jobGroupId < ?3))" + NEWEST_FIRST,
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
