package io.releasegraph.store.h2;

import jakarta.enterprise.context.ApplicationScoped;

import io.releasegraph.store.RunRepository;

@ApplicationScoped
public class H2RunRepository extends RunRepository<H2RunRecord> {

    @Override
    public H2RunRecord newRecord() {
        return new H2RunRecord();
    }
}
