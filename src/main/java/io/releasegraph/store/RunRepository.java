package io.releasegraph.store;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class RunRepository implements PanacheRepositoryBase<RunRecord, Long> {

    /** Runs of these deployments, newest first. */
    public List<RunRecord> findByDeployments(List<Long> deploymentIds) {
        return list("deploymentId in ?1 order by createdAt desc, jobGroupId desc", deploymentIds);
    }
}
