package io.releasegraph.support;

import io.quarkus.agroal.runtime.AgroalDataSourceUtil;

/**
 * Which store this process uses. {@code quarkus.datasource.db-kind} is fixed at build time, so the packaged jar
 * carries two datasources and two persistence units, the embedded H2 one (default) and {@value #POSTGRESQL};
 * configuration at start-up decides which one is active (see the README, "Cache").
 */
public final class Datasources {

    /** The name of the PostgreSQL datasource, persistence unit and Flyway configuration. */
    public static final String POSTGRESQL = "pg";

    private Datasources() {
    }

    public static boolean postgresqlActive() {
        return AgroalDataSourceUtil.dataSourceIfActive(POSTGRESQL).isPresent();
    }

    /** The PostgreSQL variant when its datasource is active, the embedded one otherwise. */
    public static <T> T pick(T embedded, T postgresql) {
        return postgresqlActive() ? postgresql : embedded;
    }
}
