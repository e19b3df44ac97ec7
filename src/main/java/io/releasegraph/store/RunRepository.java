package io.releasegraph.store;

import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Runs in one persistence unit; {@code store.h2} and {@code store.postgresql} bind it to their entity. */
public abstract class RunRepository<E extends RunRecord> implements PanacheRepositoryBase<E, Long> {

    /** A new, unsaved run of this persistence unit's entity. */
    public abstract E newRecord();

    /** Runs of these deployments, newest first. */
    public List<E> findByDeployments(List<Long> deploymentIds) {
        return list("deploymentId in ?1 order by createdAt desc, jobGroupId desc", deploymentIds);
    }
}
